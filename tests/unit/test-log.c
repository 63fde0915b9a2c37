/* Unit tests for the -d log item parser. */
#include <glib.h>

#include "qemu/log.h"

static void test_log_mask_single_items(void)
{
    g_assert_cmpint(qemu_str_to_log_mask("in_asm"), ==, CPU_LOG_TB_IN_ASM);
    g_assert_cmpint(qemu_str_to_log_mask("out_asm"), ==, CPU_LOG_TB_OUT_ASM);
    g_assert_cmpint(qemu_str_to_log_mask("guest_errors"), ==, LOG_GUEST_ERROR);
}

static void test_log_mask_list_combines(void)
{
    g_assert_cmpint(qemu_str_to_log_mask("in_asm,op,op_opt,out_asm"), ==,
                    CPU_LOG_TB_IN_ASM | CPU_LOG_TB_OP | CPU_LOG_TB_OP_OPT | CPU_LOG_TB_OUT_ASM);
    g_assert_cmpint(qemu_str_to_log_mask("unimp,guest_errors"), ==, LOG_UNIMP | LOG_GUEST_ERROR);
}

static void test_log_mask_rejects_unknown_item(void)
{
    g_assert_cmpint(qemu_str_to_log_mask("in_asm,bogus"), ==, -1);
    g_assert_cmpint(qemu_str_to_log_mask("inasm"), ==, -1);
}

static void test_log_mask_all_leaves_out_traces(void)
{
    int all = qemu_str_to_log_mask("all");
    g_assert_cmpint(all & CPU_LOG_TB_IN_ASM, !=, 0);
    g_assert_cmpint(all & CPU_LOG_EXEC, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/log/mask/single-items", test_log_mask_single_items);
    g_test_add_func("/log/mask/list-combines", test_log_mask_list_combines);
    g_test_add_func("/log/mask/rejects-unknown-item", test_log_mask_rejects_unknown_item);
    g_test_add_func("/log/mask/all-leaves-out-traces", test_log_mask_all_leaves_out_traces);
    return g_test_run();
}
