/*
 * A 64 KiB BIOS ROM for run-control.py: real-mode code at the reset vector
 * (CS base 0xffff0000, IP 0xfff0: SDM vol. 3A, 9.1.4) that jumps to its copy
 * below 1 MiB (0xf0000, the isa-bios alias) and does one of a
 * few things, chosen by the byte at ROM offset 0, which the test patches:
 *
 *   1  count: increment the dword at 0x600 forever (progress is visible
 *      with `xp`, so the test sees when the CPU runs and when it is paused)
 *   2  halt: HLT with interrupts disabled; 0x60c is written only if the
 *      CPU ever gets past the HLT
 *   3  reset through the PIIX3 Reset Control register (0xcf9 <- 0x06)
 *   4  reset through port 0x92 (bit 0, fast reset)
 *   5  reset through the 8042 (command 0xfe: pulse the reset line)
 *   6  triple fault: #UD with a zero-limit IDT (#UD -> #GP -> #DF -> shutdown)
 *   7  reboot, then exit: the first boot resets through 0xcf9, the second
 *      writes 0x2a to isa-debug-exit at 0xf4 (exit status 85)
 *   8  paged count: protected mode with 4 MiB pages (CR4.PSE): linear 0 and
 *      0x40000000 both map physical 0; then count as in 1 (the monitor's
 *      `x` must walk the page directory)
 *   9  PAE count: PDPT at 0x11000 whose entries 0 and 1 share one page
 *      directory (0x12000): PDE 0 a 2 MiB page at 0, PDE 1 a page table
 *      (0x13000) whose PTE 0 maps physical 0; then count as in 1
 *
 * Every start increments the dword at 0x604 first: RAM survives a system
 * reset, so it counts boots.  Assembled with gcc -m32, linked at 0 and
 * copied out with objcopy -O binary (tests/qtest/meson.build).
 */
    .code16
    .text
    .globl rom_start
rom_start:
mode:
    .byte 1

    .org 0x100
start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    incl 0x604                      /* boots */
    movb %cs:mode, %al
    cmp $2, %al
    je halt
    cmp $3, %al
    je reset_cf9
    cmp $4, %al
    je reset_port92
    cmp $5, %al
    je reset_kbc
    cmp $6, %al
    je triple_fault
    cmp $7, %al
    je reboot_then_exit
    cmp $8, %al
    je paged
    cmp $9, %al
    je paged_pae

count:
    incl 0x600
    jmp count

halt:
    hlt
    movl $0xdead, 0x60c             /* woken: must not happen with IF=0 */
    jmp halt

reset_cf9:
    mov $0xcf9, %dx
    mov $0x06, %al                  /* SRST | RCPU: hard reset */
    out %al, %dx
    jmp spin

reset_port92:
    in $0x92, %al
    or $1, %al
    out %al, $0x92
    jmp spin

reset_kbc:
    mov $0xfe, %al
    out %al, $0x64
    jmp spin

triple_fault:
    lidtw %cs:zero_idt
    ud2
    jmp spin

reboot_then_exit:
    cmpl $1, 0x604
    je reset_cf9
    mov $0x2a, %al
    out %al, $0xf4
    jmp spin

/* Page directory at 0x10000 (SDM vol. 3A, 4.3: a PDE with PS maps 4 MiB). */
paged:
    mov $0x1000, %ax
    mov %ax, %es
    xor %di, %di
    xor %eax, %eax
    mov $1024, %cx
    rep stosl
    movl $0x83, %es:0               /* PDE 0: P | RW | PS, physical 0 */
    movl $0x83, %es:0x400           /* PDE 256 (0x40000000): the same 4 MiB */
    mov %cr4, %eax
    or $0x10, %eax                  /* PSE */
    mov %eax, %cr4
    mov $0x10000, %eax
    mov %eax, %cr3
    lgdtl %cs:gdt_desc
    mov %cr0, %eax
    or $0x80000001, %eax            /* PG | PE */
    mov %eax, %cr0
    ljmp $0x08, $paged_pm           /* 16-bit code, base 0xf0000 */
paged_pm:
    mov $0x10, %ax
    mov %ax, %ds
    jmp count

/* PAE (SDM vol. 3A, 4.4): PDPTEs have only P here (bits 2:1 are reserved). */
paged_pae:
    mov $0x1100, %ax
    mov %ax, %es
    xor %di, %di
    xor %eax, %eax
    mov $3072, %cx                  /* 0x11000-0x13fff */
    rep stosl
    movl $0x12001, %es:0            /* PDPTE 0 -> PD 0x12000 */
    movl $0x12001, %es:8            /* PDPTE 1 (0x40000000) -> the same PD */
    movl $0x83, %es:0x1000          /* PDE 0: 2 MiB page at 0 */
    movl $0x13003, %es:0x1008       /* PDE 1 -> PT 0x13000 */
    movl $0x3, %es:0x2000           /* PTE 0 -> physical 0 */
    mov %cr4, %eax
    or $0x20, %eax                  /* PAE */
    mov %eax, %cr4
    mov $0x11000, %eax
    mov %eax, %cr3
    lgdtl %cs:gdt_desc
    mov %cr0, %eax
    or $0x80000001, %eax
    mov %eax, %cr0
    ljmp $0x08, $paged_pm

gdt:
    .quad 0
    .quad 0x00009b0f0000ffff        /* 0x08: 16-bit code, base 0xf0000, limit 64 KiB */
    .quad 0x008f93000000ffff        /* 0x10: data, base 0, limit 4 GiB */
gdt_desc:
    .word gdt_desc - gdt - 1
    .long 0xf0000 + gdt

/* A reset request takes effect asynchronously: wait for it here. */
spin:
    incl 0x608
    jmp spin

zero_idt:
    .word 0                         /* limit */
    .long 0                         /* base */

    .org 0xfff0
reset_vector:
    ljmp $0xf000, $start            /* as SeaBIOS does: on to the 0xf0000 copy */
    .org 0x10000
