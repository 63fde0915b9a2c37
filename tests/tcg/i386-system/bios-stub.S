/* Reset code of the -bios variant of every test image (see bios.ld).
 *
 * The processor starts in real mode with CS.selector = 0xf000, CS.base =
 * 0xffff0000, EIP = 0xfff0 (SDM Vol. 3A 9.1.4, Table 9-1) and EDX holding
 * the processor signature.  The stub records what it sees in a report at
 * physical 0x500 (struct stub_report in sys.c, checked by the image):
 *   0x500 magic "Q86S"   0x504 EDX at reset   0x508 CS at reset
 *   0x50c real-mode segment arithmetic: word read back through 1001:0000
 *         after writing it through 1000:0010 (expect 0x5aa5)
 *   0x510 result of 16-bit protected-mode code (expect 0x2468)
 *   0x514 CS seen after returning to real mode (expect 0xf000)
 *   0x518 CR0 in real mode after the round trip (PE clear: bit 0 = 0)
 * then enables A20 (port 0x92, bit 1), switches to protected mode (GDT,
 * CR0.PE, far jump: SDM Vol. 3A 9.9.1), copies the image to 1 MiB and
 * jumps to _start with EAX = 0x51384249. */
/* offset in the 64 KiB real-mode segment (the stub sits at 0xffffe000) */
#define REL(x) ((x) - stub16 + 0xe000)

    .section .stub16, "ax"
    .code16
    .globl stub16
stub16:
    cli
    cld
    mov %edx, %ebp                  /* processor signature */
    mov %cs, %bx
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    movl $0x53383651, 0x500         /* "Q86S" */
    mov %ebp, 0x504
    movzwl %bx, %ebx
    mov %ebx, 0x508

    /* real-mode addressing: linear = segment * 16 + offset */
    mov $0x1000, %ax
    mov %ax, %es
    movw $0x5aa5, %es:0x10
    mov $0x1001, %ax
    mov %ax, %es
    movzwl %es:0, %eax
    mov %eax, 0x50c

    /* A20 on through the fast A20 gate (port 0x92 bit 1; bit 0 would reset) */
    inb $0x92, %al
    or $2, %al
    and $0xfe, %al
    outb %al, $0x92

    /* protected mode, first through a 16-bit code segment */
    lgdtl %cs:REL(stub_gdt_desc)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmp $0x18, $REL(pm16)          /* 16-bit code segment, base 0xffff0000 */
pm16:
    mov $0x10, %ax
    mov %ax, %ds
    mov $0x1234, %ax                /* 16-bit operand size by default here */
    add $0x1234, %ax
    movzwl %ax, %eax
    mov %eax, 0x510
    /* back to real mode: still in a 16-bit segment, clear PE, far jump */
    mov $0x20, %ax                  /* 16-bit data segment, limit 64 KiB */
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %cr0, %eax
    and $0xfffffffe, %eax
    mov %eax, %cr0
    ljmp $0xf000, $REL(rm_again)
rm_again:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov %cs, %ax
    movzwl %ax, %eax
    mov %eax, 0x514
    mov %cr0, %eax
    mov %eax, 0x518

    /* and into 32-bit protected mode for good */
    lgdtl %cs:REL(stub_gdt_desc)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $pm32
    .code32
pm32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7000, %esp
    mov $_payload_lma, %esi
    mov $0x100000, %edi
    mov $_edata, %ecx
    sub $0x100000, %ecx
    rep movsb
    mov $0x51384249, %eax
    mov $_start, %ecx
    jmp *%ecx

    .balign 8
stub_gdt:
    .quad 0
    .quad 0x00cf9a000000ffff        /* 0x08 code 32, flat */
    .quad 0x00cf92000000ffff        /* 0x10 data, flat */
    .quad 0xff009aff0000ffff        /* 0x18 code 16, base 0xffff0000, limit 64 KiB */
    .quad 0x000092000000ffff        /* 0x20 data 16, base 0, limit 64 KiB */
stub_gdt_desc:
    .word stub_gdt_desc - stub_gdt - 1
    .long stub_gdt

    .section .reset16, "ax"
    .code16
    .globl reset
reset:
    jmp stub16
