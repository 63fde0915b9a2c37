/* Placeholder: replaced by the real optimizer below in the next commit. */
#include "tcg/tcg.h"

void tcg_optimize(TCGContext *s)
{
    (void)s;
}
