/* Configure-time probe (tests/tcg/meson.build): can gcc build a static
 * 32-bit program here?  Needs gcc-multilib (scripts/setup.sh installs it). */
#include <stdio.h>
int main(void)
{
    return sizeof(void *) == 4 ? 0 : 1;
}
