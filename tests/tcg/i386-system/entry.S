/* Entry of every test image, and the interrupt stubs.
 *
 * Reached two ways, both in 32-bit protected mode with flat segments:
 *  - from a multiboot loader (-kernel): EAX = 0x2BADB002, EBX = info;
 *  - from bios-stub.S (-bios): EAX = 0x51384249 ("Q86B").
 * _start installs the image's own GDT (sys.c), zeroes .bss and calls
 * main(); every IDT vector goes through isr_common to trap() in sys.c. */
    .section .text.entry, "ax"
    .code32
    .globl _start
_start:
    jmp 1f
    .balign 4
multiboot_header:                   /* Multiboot spec 0.6.96, 3.1.1 */
    .long 0x1BADB002                /* magic */
    .long 0                         /* flags: ELF headers say where to load */
    .long -0x1BADB002               /* checksum */
1:  cli
    cld
    mov $boot_stack_top, %esp
    mov %eax, boot_magic
    /* zero .bss (a multiboot loader does, bios-stub.S does not) */
    mov $_edata, %edi
    mov $_end, %ecx
    sub %edi, %ecx
    xor %eax, %eax
    rep stosb
    call sys_init
    call main
    push %eax
    call sys_exit
2:  hlt
    jmp 2b

    .data
    .globl boot_magic
boot_magic: .long 0

    .text
/* One stub per vector: vectors without an error code push 0 so every
 * frame has the same layout (struct frame in sys.h).  SDM Vol. 3A 6.13:
 * #DF(8) #TS(10) #NP(11) #SS(12) #GP(13) #PF(14) #AC(17) push an error code. */
    .macro isr n
    .balign 16
isr_\n:
    .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17)
    .else
    push $0
    .endif
    push $\n
    jmp isr_common
    .endm

    .balign 16
    .globl isr_table_start
isr_table_start:
    .altmacro
    .set i, 0
    .rept 256
    isr %i
    .set i, i+1
    .endr

isr_common:
    pusha
    push %ds
    push %es
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    push %esp
    call trap
    add $4, %esp
    pop %es
    pop %ds
    popa
    add $8, %esp
    iret

/* enter_user(fn, user_esp): IRET to CPL3 at fn on user_esp with EFLAGS
 * = user_eflags (sys.c).  The user code comes back with `int $0x80`
 * (EAX = value); trap() then calls back_to_kernel(), which drops the
 * interrupt frame and returns from enter_user() with that value. */
    .globl enter_user, back_to_kernel
enter_user:
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov %esp, kern_esp
    mov 20(%esp), %eax              /* fn */
    mov 24(%esp), %ecx              /* user esp */
    push $0x23                      /* SS: user data, RPL 3 */
    push %ecx
    pushl user_eflags
    push $0x1b                      /* CS: user code, RPL 3 */
    push %eax
    mov $0x23, %dx
    mov %dx, %ds
    mov %dx, %es
    iret
back_to_kernel:
    mov 4(%esp), %eax
    mov $0x10, %dx
    mov %dx, %ds
    mov %dx, %es
    mov kern_esp, %esp
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret

    .bss
    .globl kern_esp
kern_esp: .long 0
    .balign 16
    .space 16384
boot_stack_top:

/* Target of the call gate SEL_CGATE (sys.c): entered at CPL0 on the TSS
 * stack with the caller's SS, ESP, CS, EIP pushed (SDM Vol. 3A 5.8.5,
 * Figure 5-13).  Records them, the stack pointer and CS, then LRETs to
 * CPL3. */
    .text
    .globl callgate_target, cg_seen
callgate_target:
    push %eax
    mov %cs, %eax
    mov %eax, %ss:cg_seen
    lea 4(%esp), %eax
    mov %eax, %ss:cg_seen+4
    mov 4(%esp), %eax
    mov %eax, %ss:cg_seen+8
    mov 8(%esp), %eax
    mov %eax, %ss:cg_seen+12
    mov 12(%esp), %eax
    mov %eax, %ss:cg_seen+16
    mov 16(%esp), %eax
    mov %eax, %ss:cg_seen+20
    pop %eax
    lret
    .bss
cg_seen: .space 24              /* cs, esp, eip, cs, esp, ss of the caller */
