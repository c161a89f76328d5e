"""Tests only: give a folder an access list written in SDDL, as `icacls` would (Windows only)."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

if sys.platform != "win32":
    raise ImportError("Windows only")

from ctypes import wintypes

DACL_SECURITY_INFORMATION = 0x4
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000


def set_access_list(folder: Path, sddl: str) -> None:
    """Replace `folder`'s access list with `sddl` (e.g. "D:P(A;OICI;FA;;;<sid>)"), inheriting nothing."""
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    convert = advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW
    convert.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
    descriptor = ctypes.c_void_p()
    if not convert(sddl, 1, ctypes.byref(descriptor), None):
        raise ctypes.WinError(ctypes.get_last_error())
    try:
        set_security = advapi32.SetFileSecurityW
        set_security.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p]
        info = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION
        if not set_security(str(folder), info, descriptor):
            raise ctypes.WinError(ctypes.get_last_error())
    finally:
        kernel32.LocalFree(descriptor)


def current_user_sid() -> str:
    from kindly.platform import windows_files

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    return windows_files._current_user_sid(advapi32, kernel32)


def running_under_wine() -> bool:
    """Wine keeps an access list that names everyone, but not one that names a group: its own limit."""
    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
