"""Windows' own calls for durable renames and for who may read a folder (ctypes; imported on Windows only).

Python's standard library has neither: `os.replace` cannot ask for a
write-through rename, and `os.stat` says nothing of access lists.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

if sys.platform != "win32":  # also tells mypy, on other systems, to leave the rest unchecked
    raise ImportError("kindly.platform.windows_files is for Windows only")

from ctypes import wintypes

MOVEFILE_REPLACE_EXISTING = 0x1
MOVEFILE_WRITE_THROUGH = 0x8

SE_FILE_OBJECT = 1
OWNER_SECURITY_INFORMATION = 0x1
DACL_SECURITY_INFORMATION = 0x4
ACCESS_ALLOWED_ACE_TYPE = 0x0
INHERIT_ONLY_ACE = 0x8
TOKEN_QUERY = 0x8
TOKEN_USER_CLASS = 1
# What lets a reader see a folder's files: list it, or any generic read or full access.
READ_RIGHTS = 0x1 | 0x80000000 | 0x10000000

# Those who may read every user's files anyway: the system itself, administrators, the installer service.
TRUSTED_SIDS = frozenset(
    {
        "S-1-5-18",  # SYSTEM
        "S-1-5-32-544",  # Administrators
        "S-1-3-4",  # OWNER RIGHTS
        "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",  # TrustedInstaller
    }
)
# The names people know for the groups that open a folder to others.
GROUP_NAMES = {
    "S-1-1-0": "everyone",
    "S-1-5-11": "every signed-in user (Authenticated Users)",
    "S-1-5-32-545": "every user of this computer (Users)",
    "S-1-5-32-546": "guests",
    "S-1-5-4": "anyone signed in at this computer (Interactive)",
    "S-1-5-7": "anonymous users",
}


class _AceHeader(ctypes.Structure):
    _fields_ = [("AceType", ctypes.c_ubyte), ("AceFlags", ctypes.c_ubyte), ("AceSize", wintypes.WORD)]


class _AccessAllowedAce(ctypes.Structure):
    _fields_ = [("Header", _AceHeader), ("Mask", wintypes.DWORD), ("SidStart", wintypes.DWORD)]


class _Acl(ctypes.Structure):
    _fields_ = [
        ("AclRevision", ctypes.c_ubyte),
        ("Sbz1", ctypes.c_ubyte),
        ("AclSize", wintypes.WORD),
        ("AceCount", wintypes.WORD),
        ("Sbz2", wintypes.WORD),
    ]


def move_file_write_through(source: Path, target: Path) -> None:
    """Replace `target` by `source`, returning only once the rename is on disk."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    move = kernel32.MoveFileExW
    move.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD]
    move.restype = wintypes.BOOL
    if not move(str(source), str(target), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH):
        raise _error(str(source), str(target))


def readers_besides_owner(folder: Path) -> str | None:
    """None when only this user (and the system's administrators) may read `folder`; else who else may."""
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    get_info = advapi32.GetNamedSecurityInfoW
    get_info.argtypes = [
        wintypes.LPCWSTR,
        ctypes.c_int,
        wintypes.DWORD,
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    get_info.restype = wintypes.DWORD
    owner, dacl, descriptor = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    status = get_info(
        str(folder),
        SE_FILE_OBJECT,
        OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
        ctypes.byref(owner),
        None,
        ctypes.byref(dacl),
        None,
        ctypes.byref(descriptor),
    )
    if status != 0:
        raise _error(str(folder), code=status)
    try:
        if not dacl.value:
            return f"{folder} has no access list, so everyone can read it"
        me = _current_user_sid(advapi32, kernel32)
        allowed = {me, _sid_string(advapi32, kernel32, owner.value), *TRUSTED_SIDS}
        others = [sid for sid in _readers(advapi32, kernel32, dacl.value) if sid not in allowed]
    finally:
        kernel32.LocalFree(descriptor)
    if not others:
        return None
    who = ", ".join(dict.fromkeys(GROUP_NAMES.get(sid, f"the account {sid}") for sid in others))
    return f"{folder} can be read by {who}"


def _readers(advapi32: ctypes.CDLL, kernel32: ctypes.CDLL, dacl: int) -> list[str]:
    """The SIDs that an allowing entry lets read the folder itself (entries for its children only are passed over)."""
    get_ace = advapi32.GetAce
    get_ace.argtypes = [ctypes.c_void_p, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p)]
    get_ace.restype = wintypes.BOOL
    readers = []
    for index in range(_Acl.from_address(dacl).AceCount):
        ace = ctypes.c_void_p()
        if not get_ace(dacl, index, ctypes.byref(ace)) or not ace.value:
            raise _error("the folder's access list")
        entry = _AccessAllowedAce.from_address(ace.value)
        if entry.Header.AceType != ACCESS_ALLOWED_ACE_TYPE or entry.Header.AceFlags & INHERIT_ONLY_ACE:
            continue
        if entry.Mask & READ_RIGHTS:
            readers.append(_sid_string(advapi32, kernel32, ace.value + _AccessAllowedAce.SidStart.offset))
    return readers


def _current_user_sid(advapi32: ctypes.CDLL, kernel32: ctypes.CDLL) -> str:
    token = wintypes.HANDLE()
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    advapi32.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
    if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
        raise _error("this process's token")
    try:
        advapi32.GetTokenInformation.argtypes = [
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
            ctypes.POINTER(wintypes.DWORD),
        ]
        size = wintypes.DWORD()
        advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        if not advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, buffer, size, ctypes.byref(size)):
            raise _error("this process's user")
        sid = ctypes.c_void_p.from_buffer(buffer).value  # TOKEN_USER starts with the user's SID pointer
        return _sid_string(advapi32, kernel32, sid)
    finally:
        kernel32.CloseHandle(token)


def _sid_string(advapi32: ctypes.CDLL, kernel32: ctypes.CDLL, sid: int | None) -> str:
    convert = advapi32.ConvertSidToStringSidW
    convert.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    convert.restype = wintypes.BOOL
    text = wintypes.LPWSTR()
    if not sid or not convert(sid, ctypes.byref(text)):
        raise _error("an account in the access list")
    try:
        return str(text.value)
    finally:
        kernel32.LocalFree(text)


def _error(filename: str, filename2: str | None = None, code: int | None = None) -> OSError:
    error = ctypes.WinError(ctypes.get_last_error() if code is None else code)
    error.filename = filename
    error.filename2 = filename2
    return error
