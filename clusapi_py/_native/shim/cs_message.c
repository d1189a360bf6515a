/* shim/cs_message.c - the system's text for a Win32 code
 * (cs_format_message, api/cs_errors.h). */
#include "shim/cs_shim_int.h"

uint32_t cs_format_message(uint32_t code, cs_char *buf, uint32_t capacity)
{
#ifdef _WIN32
    DWORD n;
    if (buf == NULL || capacity == 0)
        return 0;
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0,
                       (LPWSTR)buf, capacity, NULL);
    /* drop the trailing line break, spaces and full stop */
    while (n > 0 && (buf[n - 1] == L'\n' || buf[n - 1] == L'\r' || buf[n - 1] == L' ' || buf[n - 1] == L'.'))
        buf[--n] = 0;
    return n;
#else
    (void)code;
    (void)buf;
    (void)capacity;
    return 0;
#endif
}
