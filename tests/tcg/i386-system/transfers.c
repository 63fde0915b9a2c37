/* Control transfers of the protected-mode machinery (SDM Vol. 3A chapters
 * 5-7, 20): a call gate with parameters from CPL3 and RETF imm16 back to
 * the outer level (segment registers the outer level may not use become
 * null), JMP to a TSS (busy bits, no nesting), an exception with an error
 * code through an IDT task gate (the error code on the new task's stack,
 * back link, IRET to the old task), the double-fault rules (a contributory
 * fault during delivery of another; #PF during #PF delivery, from CPL3 with
 * a not-present ring-0 stack, handled by a #DF task), and virtual-8086 mode:
 * IRET into it, IRET inside it (IOPL 3), INT n to a CPL0 handler with
 * IOPL 3 (segment registers pushed and nulled), INT n with IOPL 0 -> #GP(0); and the 16-bit forms:
 * a 16-bit interrupt gate (IP/CS/FLAGS frame) and a CALL to a 16-bit TSS
 * (SDM 7.2.1 figure 7-11) returned from with IRET. */
#include "sys.h"

const char test_name[] = "transfers";

#define SEL_CGATE2 0x70     /* GDT entry 14: call gate, DPL 3, 2 dword parameters */

u32 tss_esp0(void);
static u8 ustack[4096] __attribute__((aligned(16)));
#define USTACK_TOP ((u32)ustack + sizeof(ustack))
static u8 task_stack[4096] __attribute__((aligned(16)));

/* ---- call gate with parameters, RETF imm16 to CPL3 */
volatile u32 cg2_p0, cg2_p1, cg2_esp, cg2_cs;
volatile u32 u_esp_before, u_esp_after, u_es, u_fs, u_ds, u_cs;
__asm__(".text\n"
        "cg2_target:\n\t"
        "mov 8(%esp), %eax\n\tmov %eax, %ss:cg2_p0\n\t"
        "mov 12(%esp), %eax\n\tmov %eax, %ss:cg2_p1\n\t"
        "mov %esp, %ss:cg2_esp\n\t"
        "mov %cs, %eax\n\tmov %eax, %ss:cg2_cs\n\t"
        "mov $0x10, %ax\n\tmov %ax, %es\n\tmov %ax, %fs\n\t"   /* DPL0 data */
        "lret $8\n");
extern char cg2_target[];

static void user_cg2(void)
{
    __asm__ volatile("mov $0x23, %%ax\n\tmov %%ax, %%fs\n\t"
                     "mov %%esp, u_esp_before\n\t"
                     "push $0x1111\n\tpush $0x2222\n\t"
                     "lcall $0x73, $0\n\t"
                     "mov %%esp, u_esp_after\n\t"
                     "mov %%es, %%eax\n\tmov %%eax, u_es\n\t"
                     "mov %%fs, %%eax\n\tmov %%eax, u_fs\n\t"
                     "mov %%ds, %%eax\n\tmov %%eax, u_ds\n\t"
                     "mov %%cs, %%eax\n\tmov %%eax, u_cs\n\t"
                     ::: "eax", "memory");
    __asm__ volatile("int $0x80" :: "a"(7));
}

/* ---- JMP to a TSS and back */
volatile u32 jt_tr, jt_eflags, jt_old_hi, jt_new_hi, jt_count;
__asm__(".text\n"
        "jmp_task_body:\n\t"
        "str %ax\n\tmovzwl %ax, %eax\n\tmov %eax, jt_tr\n\t"
        "pushf\n\tpop %eax\n\tmov %eax, jt_eflags\n\t"
        "mov gdt+5*8+4, %eax\n\tmov %eax, jt_old_hi\n\t"
        "mov gdt+11*8+4, %eax\n\tmov %eax, jt_new_hi\n\t"
        "incl jt_count\n\t"
        "ljmp $0x28, $0\n\t"
        "jmp jmp_task_body\n");
extern char jmp_task_body[];

/* ---- #GP through an IDT task gate */
volatile u32 tg_err, tg_tr, tg_eflags, tg_link, tg_count, tg_old_eip_ptr, tg_esp;
__asm__(".text\n"
        "tg_body:\n\t"
        "mov %esp, tg_esp\n\t"
        "pop %eax\n\tmov %eax, tg_err\n\t"
        "str %ax\n\tmovzwl %ax, %eax\n\tmov %eax, tg_tr\n\t"
        "pushf\n\tpop %eax\n\tmov %eax, tg_eflags\n\t"
        "movzwl tss2, %eax\n\tmov %eax, tg_link\n\t"
        /* the old task resumes after the faulting instruction */
        "mov try_after, %eax\n\tmov tg_old_eip_ptr, %ecx\n\tmov %eax, (%ecx)\n\t"
        "incl tg_count\n\t"
        "iret\n\t"
        "jmp tg_body\n");
extern char tg_body[];

static void setup_tss2(u32 eip)
{
    memset(&tss2, 0, sizeof(tss2));
    tss2.eip = eip;
    tss2.esp = (u32)task_stack + sizeof(task_stack);
    tss2.eflags = 2;
    tss2.cs = SEL_KCODE;
    tss2.ds = tss2.es = tss2.ss = SEL_KDATA;
    tss2.cr3 = read_cr3();
    tss2.iomap = sizeof(tss2);
}

static u32 desc_type(int idx) { return (gdt[idx * 2 + 1] >> 8) & 0xf; }
static u32 desc_base(int idx)
{
    return (gdt[idx * 2] >> 16) | ((gdt[idx * 2 + 1] & 0xff) << 16) | (gdt[idx * 2 + 1] & 0xff000000u);
}
static u16 str(void) { u16 tr; __asm__ volatile("str %0" : "=r"(tr)); return tr; }

/* ---- 16-bit forms.  A 16-bit gate or TSS holds a 16-bit offset: the code
 * runs in a 32-bit code segment (GDT entry 15) based at the 64 KiB block
 * of the image that holds it, the 16-bit task on a 16-bit stack segment
 * (GDT entry 12) based at the block of its stack. */
#define SEL_CODE_BLK 0x78
#define SEL_STACK16  0x60
#define SEL_TSS16    0x68
volatile u32 g16_esp, g16_ip, g16_cs, g16_flags, g16_resume, g16_count;
__asm__(".text\n"
        "gate16_handler:\n\t"
        "mov %esp, %ss:g16_esp\n\t"
        "movzwl (%esp), %eax\n\tmov %eax, %ss:g16_ip\n\t"
        "movzwl 2(%esp), %eax\n\tmov %eax, %ss:g16_cs\n\t"
        "movzwl 4(%esp), %eax\n\tmov %eax, %ss:g16_flags\n\t"
        "incl %ss:g16_count\n\t"
        /* a 16-bit frame cannot return to a 32-bit EIP above 64 KiB */
        "add $6, %esp\n\t"
        "ljmp *%ss:g16_far\n");
extern char gate16_handler[];
volatile struct { u32 off; u16 sel; } __attribute__((packed)) g16_far;

struct tss16 {
    u16 link, sp0, ss0, sp1, ss1, sp2, ss2, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
    u16 es, cs, ss, ds, ldt;
} __attribute__((packed));
static struct tss16 tss16 __attribute__((aligned(64)));
static u8 stack16[512] __attribute__((aligned(16)));
volatile u32 t16_tr, t16_eflags, t16_link, t16_count, t16_ax, t16_sp;
__asm__(".text\n"
        "task16_body:\n\t"
        "str %ax\n\tmovzwl %ax, %eax\n\tmov %eax, t16_tr\n\t"
        "mov %esp, t16_sp\n\t"
        "pushf\n\tpop %eax\n\tmov %eax, t16_eflags\n\t"
        "movzwl tss16, %eax\n\tmov %eax, t16_link\n\t"
        "mov %ebx, t16_ax\n\t"
        "incl t16_count\n\t"
        "iret\n"
        "task16_resume:\n\t"
        "jmp task16_body\n");
extern char task16_body[], task16_resume[];

/* ---- #PF while delivering a #PF -> #DF, through a task gate */
static u32 pf_pd[1024] __attribute__((aligned(4096)));
static u32 pf_pt[1024] __attribute__((aligned(4096)));
static u8 bad_stack[4096] __attribute__((aligned(4096)));
volatile u32 df_err, df_cr2, df_count, df_old_eip_ptr, df_saved_esp0, df_esp0_ptr;
__asm__(".text\n"
        "df_body:\n\t"
        "pop %eax\n\tmov %eax, df_err\n\t"
        "mov %cr2, %eax\n\tmov %eax, df_cr2\n\t"
        "incl df_count\n\t"
        /* a usable ring-0 stack again, and the user task resumes at udf_back */
        "mov df_saved_esp0, %eax\n\tmov df_esp0_ptr, %ecx\n\tmov %eax, (%ecx)\n\t"
        "mov df_old_eip_ptr, %ecx\n\tmovl $udf_back, (%ecx)\n\t"
        "iret\n\t"
        "jmp df_body\n");
extern char df_body[];

static void __attribute__((noinline)) user_pf(void)
{
    __asm__ volatile("movl 0x900000, %%eax\n"      /* no PDE: #PF */
                     "udf_back:" ::: "eax");
    __asm__ volatile("int $0x80" :: "a"(9));
}

/* ---- virtual-8086 mode */
#define VM_CODE 0x7000      /* linear; CS = 0x0700, IP = 0 */
#define VM_CS 0x0700
#define VM_SS 0x0800
#define VM_SP 0x1000
/* 0: mov $0x1234,%ax; mov %ax,%ds; mov %es,%bx; pushf; push %cs; push $0x10; iret
 * (IRET in vm86 with IOPL 3 pops a 16-bit frame) ... 10: int $0x81; hlt */
static const u8 vm_code[] = { 0xb8, 0x34, 0x12, 0x8e, 0xd8, 0x8c, 0xc3, 0x9c, 0x0e, 0x68, 0x10, 0x00,
                              0xcf, 0xf4, 0xf4, 0xf4, 0xcd, 0x81, 0xf4 };
volatile u32 vm_eflags, vm_ip;
volatile u32 vm_frame[9];   /* eip cs eflags esp ss es ds fs gs, as pushed */
volatile u32 vm_kds, vm_kes, vm_eax, vm_ebx, vm_vec, vm_err, vm_handler_esp;

__asm__(".text\n"
        "enter_vm86:\n\t"
        "push %ebp\n\tpush %ebx\n\tpush %esi\n\tpush %edi\n\t"
        "mov %esp, kern_esp\n\t"
        "pushl $0\n\t"              /* GS */
        "pushl $0\n\t"              /* FS */
        "pushl $0x0900\n\t"         /* DS */
        "pushl $0x0a00\n\t"         /* ES */
        "pushl $0x0800\n\t"         /* SS */
        "pushl $0x1000\n\t"         /* ESP */
        "pushl vm_eflags\n\t"
        "pushl $0x0700\n\t"         /* CS */
        "pushl vm_ip\n\t"           /* EIP */
        "iret\n");
int enter_vm86(void);

static void vm_hook(struct frame *f)
{
    const u32 *p = &f->eip;
    for (int i = 0; i < 9; i++)
        vm_frame[i] = p[i];
    vm_kds = f->ds;
    vm_kes = f->es;
    vm_eax = f->eax;
    vm_ebx = f->ebx;
    vm_vec = f->vec;
    vm_err = f->err;
    vm_handler_esp = (u32)&f->eip;
    back_to_kernel(1);
}

int main(void)
{
    int v;
    u32 c;

    puts("call gate with 2 parameters from CPL3, RETF 8 to the outer level (SDM 5.8.5, 5.8.6)\n");
    gdt[14 * 2] = ((u32)cg2_target & 0xffff) | (SEL_KCODE << 16);
    gdt[14 * 2 + 1] = ((u32)cg2_target & 0xffff0000) | 0x8000 | (3 << 13) | (0xc << 8) | 2;
    v = enter_user(user_cg2, USTACK_TOP);
    check(v == 7, "round trip returned (%x)", v);
    check(cg2_cs == SEL_KCODE, "gate target runs at CPL0: CS %x", cg2_cs);
    check(cg2_p0 == 0x2222 && cg2_p1 == 0x1111, "parameters copied in order: %x %x (expected 2222 1111)",
          cg2_p0, cg2_p1);
    check(cg2_esp == tss_esp0() - 24, "inner stack: EIP at ESP0-24 (%x, expected %x)", cg2_esp, tss_esp0() - 24);
    check(u_cs == SEL_UCODE, "back at CPL3: CS %x", u_cs);
    check(u_esp_after == u_esp_before, "RETF 8 released the parameters on the outer stack (%x, expected %x)",
          u_esp_after, u_esp_before);
    check(u_es == 0 && u_fs == 0, "ES %x and FS %x (DPL0 data) became null on the return to CPL3", u_es, u_fs);
    check(u_ds == SEL_UDATA, "DS (DPL3) kept: %x", u_ds);

    puts("JMP to a TSS and back (SDM 7.3, 7.4: busy bits, no back link, NT clear)\n");
    setup_tss2((u32)jmp_task_body);
    __asm__ volatile("ljmp $0x58, $0" ::: "eax", "ecx", "edx", "memory");
    check(jt_count == 1, "the new task ran (%u)", jt_count);
    check(jt_tr == SEL_TSS2, "in the new task: TR %x", jt_tr);
    check(!(jt_eflags & 0x4000), "in the new task: NT clear (EFLAGS %x)", jt_eflags);
    check(((jt_old_hi >> 8) & 0xf) == 9, "in the new task: old TSS not busy (type %x)", (jt_old_hi >> 8) & 0xf);
    check(((jt_new_hi >> 8) & 0xf) == 0xb, "in the new task: new TSS busy (type %x)", (jt_new_hi >> 8) & 0xf);
    check(str() == SEL_TSS, "after the JMP back: TR %x", str());
    check(desc_type(11) == 9 && desc_type(5) == 0xb, "after the JMP back: TSS2 type %x, TSS type %x",
          desc_type(11), desc_type(5));
    check(read_cr0() & 8, "CR0.TS set by the task switch (CR0 %x)", read_cr0());
    __asm__ volatile("clts");

    puts("#GP(selector) through an IDT task gate: error code on the new task's stack (SDM 6.12.2)\n");
    setup_tss2((u32)tg_body);
    tg_old_eip_ptr = desc_base(5) + 0x20;
    set_gate(13, 0, SEL_TSS2, 5, 0);
    c = tg_count;
    TRY("mov $0x1000, %%ax\n\tmov %%ax, %%ds");
    set_gate(13, ISR_ADDR(13), SEL_KCODE, 0xe, 0);
    check(tg_count == c + 1, "the fault handler task ran (%u)", tg_count - c);
    check(tg_err == 0x1000, "error code %x (expected 1000)", tg_err);
    check(tg_esp == (u32)task_stack + sizeof(task_stack) - 4, "error code pushed on the task's stack (%x)", tg_esp);
    check(tg_tr == SEL_TSS2, "handler task TR %x", tg_tr);
    check(tg_eflags & 0x4000, "handler task EFLAGS.NT set (%x)", tg_eflags);
    check(tg_link == SEL_TSS, "back link = %x", tg_link);
    check(str() == SEL_TSS && desc_type(11) == 9, "IRET returned: TR %x, TSS2 type %x", str(), desc_type(11));
    __asm__ volatile("clts");

    puts("double fault: #GP whose gate is not present -> #NP during delivery -> #DF(0) (SDM 6.15, table 6-5)\n");
    idt_gate_present(13, 0);
    TRY("mov $0x1000, %%ax\n\tmov %%ax, %%ds");
    idt_gate_present(13, 1);
    check(TOOK() && caught.f.vec == 8 && caught.f.err == 0, "vector %u err %x (expected 8, 0)",
          caught.f.vec, caught.f.err);
    puts("#DF through an IDT task gate (as 32-bit Linux has it): error code 0 on the handler task's stack\n");
    setup_tss2((u32)tg_body);
    set_gate(8, 0, SEL_TSS2, 5, 0);
    idt_gate_present(13, 0);
    c = tg_count;
    tg_err = 0xdead;
    TRY("mov $0x1000, %%ax\n\tmov %%ax, %%ds");
    idt_gate_present(13, 1);
    set_gate(8, ISR_ADDR(8), SEL_KCODE, 0xe, 0);
    check(tg_count == c + 1, "the #DF task ran (%u)", tg_count - c);
    check(tg_err == 0, "#DF error code %x (expected 0)", tg_err);
    check(tg_tr == SEL_TSS2 && tg_link == SEL_TSS, "#DF task: TR %x, back link %x", tg_tr, tg_link);
    check(str() == SEL_TSS && desc_type(11) == 9, "IRET from the #DF task: TR %x, TSS2 type %x", str(),
          desc_type(11));
    __asm__ volatile("clts");

    puts("#PF at CPL3 whose delivery faults on a not-present ring-0 stack -> #PF -> #DF (task gate), CR2 of the second\n");
    for (int i = 0; i < 1024; i++)
        pf_pt[i] = (i << 12) | 7;               /* P W U, identity: 0-4 MiB */
    pf_pt[(u32)bad_stack >> 12] = 0;
    pf_pd[0] = (u32)pf_pt | 7;
    setup_tss2((u32)df_body);
    tss2.cr3 = (u32)pf_pd;
    df_esp0_ptr = desc_base(5) + 4;
    df_old_eip_ptr = desc_base(5) + 0x20;
    df_saved_esp0 = *(volatile u32 *)df_esp0_ptr;
    *(volatile u32 *)df_esp0_ptr = (u32)bad_stack + sizeof(bad_stack);
    set_gate(8, 0, SEL_TSS2, 5, 0);
    /* the IRET back to this task loads CR3 from its TSS (paging is on) */
    *(volatile u32 *)(desc_base(5) + 0x1c) = (u32)pf_pd;
    write_cr3((u32)pf_pd);
    write_cr0(read_cr0() | 0x80000000u);
    c = df_count;
    v = enter_user(user_pf, USTACK_TOP);
    write_cr0(read_cr0() & ~0x80000000u);
    set_gate(8, ISR_ADDR(8), SEL_KCODE, 0xe, 0);
    *(volatile u32 *)df_esp0_ptr = df_saved_esp0;
    check(df_count == c + 1, "the #DF task ran (%u)", df_count - c);
    check(df_err == 0, "#DF error code %x", df_err);
    check(df_cr2 == (u32)bad_stack + sizeof(bad_stack) - 4,
          "CR2 %x: the first push on the ring-0 stack (expected %x)", df_cr2,
          (u32)bad_stack + sizeof(bad_stack) - 4);
    check(v == 9, "the user task resumed after IRET from the #DF task and came back (%x)", v);
    __asm__ volatile("clts");

    puts("#GP whose gate names a data segment: #GP during delivery -> #DF; the same for INT3 is a plain #GP\n");
    set_gate(13, ISR_ADDR(13), SEL_NP, 0xe, 0);
    TRY("mov $0x1000, %%ax\n\tmov %%ax, %%ds");
    set_gate(13, ISR_ADDR(13), SEL_KCODE, 0xe, 0);
    check(TOOK() && caught.f.vec == 8, "#GP then #GP(sel+EXT): #DF (vector %u)", caught.f.vec);
    set_gate(3, ISR_ADDR(3), SEL_NP, 0xe, 0);
    TRY("int3");
    set_gate(3, ISR_ADDR(3), SEL_KCODE, 0xe, 3);
    check(TOOK() && caught.f.vec == 13 && caught.f.err == SEL_NP,
          "INT3 with a data segment in its gate: #GP(%x) delivered on its own (vector %u, err %x)",
          SEL_NP, caught.f.vec, caught.f.err);

    puts("16-bit interrupt gate: IP, CS, FLAGS pushed as words (SDM 6.12.1, figure 6-4)\n");
    {
        u32 blk = (u32)gate16_handler & 0xffff0000u, esp;
        set_seg(15, blk, 0xfffff, 0x9a, 0xc);
        set_gate(0x82, (u32)gate16_handler - blk, SEL_CODE_BLK, 6, 0);
        g16_far.sel = SEL_KCODE;
        c = g16_count;
        __asm__ volatile("movl $1f, g16_far\n\t"
                         "mov %%esp, %0\n\t"
                         "int $0x82\n1:"
                         : "=m"(esp) :: "eax", "memory");
        check(g16_count == c + 1, "the handler ran through the 16-bit gate");
        check(g16_esp == esp - 6, "frame of 3 words: ESP %x (expected %x)", g16_esp, esp - 6);
        check(g16_cs == SEL_KCODE, "pushed CS %x", g16_cs);
        check(g16_ip == (g16_far.off & 0xffff), "pushed IP %x: the low half of the return EIP %x", g16_ip, g16_far.off);
        check((g16_flags & 0xff02) == (read_eflags() & 0xff02), "pushed FLAGS %x", g16_flags);
    }

    puts("CALL to a 16-bit TSS, IRET back (SDM 7.2.1, figure 7-11)\n");
    {
        u32 blk = (u32)task16_body & 0xffff0000u, sblk = (u32)stack16 & 0xffff0000u;
        set_seg(15, blk, 0xfffff, 0x9a, 0xc);
        set_seg(12, sblk, 0xffff, 0x92, 0x0);            /* 16-bit stack segment */
        set_seg(13, (u32)&tss16, sizeof(tss16) - 1, 0x81, 0);   /* 16-bit TSS, available */
        memset(&tss16, 0, sizeof(tss16));
        tss16.ip = (u16)((u32)task16_body - blk);
        tss16.flags = 2;
        tss16.bx = 0x5a5a;
        tss16.sp = (u16)((u32)stack16 + sizeof(stack16) - sblk);
        tss16.cs = SEL_CODE_BLK;
        tss16.ss = SEL_STACK16;
        tss16.ds = tss16.es = SEL_KDATA;
        __asm__ volatile("lcall $0x68, $0" ::: "eax", "ecx", "edx", "memory");
        check(t16_count == 1, "the 16-bit task ran (%u)", t16_count);
        check(t16_tr == SEL_TSS16, "in the task: TR %x", t16_tr);
        check((t16_ax & 0xffff) == 0x5a5a, "BX loaded from the 16-bit TSS (%x)", t16_ax & 0xffff);
        check((t16_sp & 0xffff) == tss16.sp, "SP loaded from the 16-bit TSS (%x)", t16_sp & 0xffff);
        check(t16_eflags & 0x4000, "in the task: NT set (%x)", t16_eflags);
        check(t16_link == SEL_TSS, "back link %x", t16_link);
        check(str() == SEL_TSS && desc_type(13) == 1, "after IRET: TR %x, 16-bit TSS type %x (available)",
              str(), desc_type(13));
        check(tss16.ip == (u16)((u32)task16_resume - blk), "IRET saved IP %x, the instruction after it (%x)",
              tss16.ip, (u16)((u32)task16_resume - blk));
        __asm__ volatile("clts");
    }

    puts("virtual-8086 mode: IRET with EFLAGS.VM, INT n with IOPL 3 to a CPL0 handler (SDM 20.3.1)\n");
    memcpy((void *)VM_CODE, vm_code, sizeof(vm_code));
    hooks[0x81] = vm_hook;
    set_gate(0x81, ISR_ADDR(0x81), SEL_KCODE, 0xe, 3);
    vm_eflags = 0x23002;                    /* VM, IOPL 3 */
    vm_ip = 0;
    v = enter_vm86();
    check(v == 1 && vm_vec == 0x81, "INT 0x81 from vm86 reached its handler (vector %x)", vm_vec);
    check((vm_eax & 0xffff) == 0x1234 && (vm_ebx & 0xffff) == 0x0a00,
          "vm86 code ran: AX %x, BX = ES %x", vm_eax & 0xffff, vm_ebx & 0xffff);
    check(vm_frame[0] == 0x12 && vm_frame[1] == VM_CS,
          "pushed CS:EIP %x:%x (expected 700:12: the vm86 IRET went to 700:10)", vm_frame[1], vm_frame[0]);
    check(vm_frame[2] & 0x20000, "pushed EFLAGS has VM (%x)", vm_frame[2]);
    check(vm_frame[3] == VM_SP && vm_frame[4] == VM_SS, "pushed SS:ESP %x:%x", vm_frame[4], vm_frame[3]);
    check(vm_frame[5] == 0x0a00 && vm_frame[6] == 0x1234 && vm_frame[7] == 0 && vm_frame[8] == 0,
          "pushed ES %x DS %x FS %x GS %x (expected a00 1234 0 0)", vm_frame[5], vm_frame[6], vm_frame[7], vm_frame[8]);
    check(vm_kds == 0 && vm_kes == 0, "DS %x and ES %x were null in the handler", vm_kds, vm_kes);
    check(vm_handler_esp == tss_esp0() - 36, "handler stack: EIP at ESP0-36 (%x, expected %x)",
          vm_handler_esp, tss_esp0() - 36);

    puts("virtual-8086 mode: INT n with IOPL 0 -> #GP(0) (SDM 20.2.7)\n");
    hooks[13] = vm_hook;
    vm_eflags = 0x20002;                    /* VM, IOPL 0 */
    vm_ip = 0x10;                           /* straight to the INT */
    vm_vec = 0;
    v = enter_vm86();
    hooks[13] = 0;
    check(v == 1 && vm_vec == 13 && vm_err == 0, "vector %u err %x (expected 13, 0)", vm_vec, vm_err);
    check(vm_frame[0] == 0x10 && vm_frame[1] == VM_CS, "pushed CS:EIP %x:%x (expected 700:10, the INT)",
          vm_frame[1], vm_frame[0]);
    check(vm_frame[2] & 0x20000, "pushed EFLAGS has VM (%x)", vm_frame[2]);
    hooks[0x81] = 0;
    return 0;
}
