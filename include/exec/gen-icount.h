/*
 * Code the translator loop (accel/tcg/translator.c) emits around every TB:
 * the start-of-TB exit check (a non-zero exit_request makes the TB return
 * TB_EXIT_REQUESTED before any guest insn runs) and its exit path.
 * Front ends don't call these; translator_loop does.
 */
#ifndef EXEC_GEN_ICOUNT_H
#define EXEC_GEN_ICOUNT_H

#include "exec/translation-block.h"

void gen_tb_start(const TranslationBlock *tb);
void gen_tb_end(const TranslationBlock *tb, int num_insns);

#endif
