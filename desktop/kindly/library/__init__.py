"""The practices Kindly offers, as the window, the tray and the commands all read them.

Parsing scripts, finding each phrase's voice, the catalogue the window shows,
the session choices and the quick starts: no Qt, so every way in agrees.
"""
