/* tests/windows/wine_bcryptprimitives.c - bcryptprimitives.dll for a Wine that lacks it.
 *
 * Test environment only (tests/windows/python_stage.sh installs it into the Wine prefix's
 * System32 when Wine has none; never in a wheel).  Rust's standard library imports ProcessPrng
 * from bcryptprimitives.dll since Rust 1.78, so every Rust extension does -- mypy's
 * ast_serialize among them -- and Wine 8 (Debian 12) has no such DLL, so loading it fails with
 * "DLL load failed ... Module not found".  Windows 8 and later, and Wine 9, have it.
 *
 * ProcessPrng(pbData, cbData) fills the buffer from the system's random generator and always
 * returns TRUE.  Here it is RtlGenRandom (advapi32's SystemFunction036), in chunks that fit its
 * ULONG length.
 */
#include <windows.h>

/* RtlGenRandom's export name (ntsecapi.h declares it under a macro). */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000u ? 0x10000000u : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
