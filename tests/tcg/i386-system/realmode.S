/*
 * Real mode and 16-bit code, as a BIOS runs it: a raw 64 KiB ROM (-bios)
 * that never leaves real mode except for one round trip through 16-bit
 * protected mode.  Checks 16-bit arithmetic and flags, operand-size (66)
 * and address-size (67) prefixes, the 16-bit ModRM forms with SS as the
 * default segment of BP, 16-bit wrap-around of offsets, the 16-bit stack
 * (PUSH/POP, PUSHA/POPA, ENTER/LEAVE), far CALL/RET through other segment
 * bases, INT/IRET through the IVT, LOOP/JCXZ on CX, string instructions on
 * SI/DI/CX, port I/O (IN/OUT, INS/OUTS, REP) on the PIC's mask register,
 * LGDT/SGDT with a 16-bit operand, the interrupt shadow of STI and HLT
 * with the PIT on IRQ 0.
 *
 * Sources: SDM vol. 3A 20.1 (real-address mode), 9.1.4 (state after
 * reset); vol. 2 instruction pages (flags, 16-bit forms: vol. 2A table
 * 2-1); 8259A and 8254 datasheets for the PIC/PIT programming.
 *
 * Output on COM1 like the C images ("  ok   ..." / "  FAIL ...", then
 * "PASS: realmode (N checks)"), result on isa-debug-exit (0xf4): 0x21
 * pass, 0x22 fail.  RAM use: IVT, counters at 0:0500, scratch at 0:0600..
 * 0:0fff, stack below 0:7000, buffers at 1000:0000 and 2000:0000.
 */
    .code16
    .text

#define CHECKS 0x500
#define FAILS  0x504
#define SCRATCH 0x600

/* CHECK expected, "what": compares EAX with a 32-bit value, counts it,
 * prints ok/FAIL with the text (and on failure both values).  Preserves
 * every register and the flags. */
.macro CHECK expected, text
    .pushsection .rodata
.Lmsg\@: .asciz "\text"
    .popsection
    pushl $\expected
    pushw $.Lmsg\@
    call check_eax
.endm

/* CHECKW expected, "what": the same on AX zero-extended (clobbers EAX's
 * upper half). */
.macro CHECKW expected, text
    movzwl %ax, %eax
    CHECK \expected, "\text"
.endm

.macro SAY text
    .pushsection .rodata
.Lsay\@: .asciz "\text"
    .popsection
    push %si
    mov $.Lsay\@, %si
    call puts
    pop %si
.endm

/* ------------------------------------------------------------ output */

/* AL -> COM1 once the transmitter holding register is empty (bounded). */
putc:
    push %dx
    push %cx
    push %ax
    mov $0x3fd, %dx
    mov $0xffff, %cx
1:  in %dx, %al
    test $0x20, %al
    jnz 2f
    loop 1b
2:  pop %ax
    mov $0x3f8, %dx
    out %al, %dx
    pop %cx
    pop %dx
    ret

/* CS:SI: a NUL-terminated string (DF must be 0). */
puts:
    push %ax
1:  lodsb %cs:(%si), %al
    test %al, %al
    jz 2f
    call putc
    jmp 1b
2:  pop %ax
    ret

/* EAX in 8 hex digits. */
puthex:
    pushal
    mov $8, %cx
    mov %eax, %edx
1:  rol $4, %edx
    mov %dl, %al
    and $0xf, %al
    add $'0', %al
    cmp $'9', %al
    jbe 2f
    add $('a' - '9' - 1), %al
2:  call putc
    loop 1b
    popal
    ret

/* AX in decimal. */
putdec:
    pushal
    xor %cx, %cx
    mov $10, %bx
1:  xor %dx, %dx
    div %bx
    push %dx
    inc %cx
    test %ax, %ax
    jnz 1b
2:  pop %ax
    add $'0', %al
    call putc
    loop 2b
    popal
    ret

/* Stack on entry: return IP, message offset, expected dword (ret $6). */
check_eax:
    pushfl
    pushal
    push %ds
    mov %sp, %bp
    cld
    xor %bx, %bx
    mov %bx, %ds
    incl CHECKS
    mov %ss:42(%bp), %edx
    cmp %edx, %eax
    je 1f
    incl FAILS
    mov $s_fail, %si
    call puts
    mov %ss:40(%bp), %si
    call puts
    mov $s_got, %si
    call puts
    call puthex
    mov $s_expected, %si
    call puts
    mov %edx, %eax
    call puthex
    mov $')', %al
    call putc
    jmp 2f
1:  mov $s_ok, %si
    call puts
    mov %ss:40(%bp), %si
    call puts
2:  mov $'\n', %al
    call putc
    pop %ds
    popal
    popfl
    ret $6

/* ---------------------------------------------------- far procedures */

far_cs:                 /* AX = the CS it was called with */
    mov %cs, %ax
    lret

far_cs_pop4:            /* the same, dropping 4 bytes of arguments */
    mov %cs, %ax
    lret $4

far32_frame:            /* called with a 32-bit far CALL: EAX = pushed CS dword */
    mov %sp, %bx
    mov %ss:4(%bx), %eax
    mov %ss:0(%bx), %ecx    /* the pushed EIP */
    lretl

int80_handler:          /* INT 80h: records its frame at 0:0620 */
    push %bp
    mov %sp, %bp
    push %ax
    push %ds
    xor %ax, %ax
    mov %ax, %ds
    mov 2(%bp), %ax         /* IP (SS is the default segment of BP) */
    mov %ax, SCRATCH + 0x20
    mov 4(%bp), %ax         /* CS */
    mov %ax, SCRATCH + 0x22
    mov 6(%bp), %ax         /* FLAGS */
    mov %ax, SCRATCH + 0x24
    pushf
    pop %ax
    mov %ax, SCRATCH + 0x26 /* FLAGS inside the handler */
    pop %ds
    pop %ax
    pop %bp
    iret

irq0_handler:           /* IRQ 0 (vector 8): records the interrupted IP */
    push %bp
    mov %sp, %bp
    push %ax
    push %ds
    xor %ax, %ax
    mov %ax, %ds
    mov 2(%bp), %ax
    mov %ax, SCRATCH + 0x30
    incw SCRATCH + 0x32
    mov $0xff, %al          /* mask IRQ 0 again, then EOI */
    out %al, $0x21
    mov $0x20, %al
    out %al, $0x20
    pop %ds
    pop %ax
    pop %bp
    iret

/* ------------------------------------------------------------- tests */

start:
    cli
    cld
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    movl $0, CHECKS
    movl $0, FAILS
    SAY "real mode and 16-bit code (SDM vol. 3A 20.1)\n"

    /* --- state after reset and real-mode addressing --- */
    mov %cs, %ax
    CHECKW 0xf000, "CS after the far jump from the reset vector"
    mov %cr0, %eax
    and $0x7fffffff, %eax
    CHECK 0x60000010, "CR0 after reset is 60000010h (CD NW ET; SDM vol. 3A table 9-1)"
    mov $0x1000, %ax
    mov %ax, %es
    movw $0x5aa5, %es:0x10
    mov $0x1001, %ax
    mov %ax, %es
    mov %es:0, %ax
    CHECKW 0x5aa5, "1000:0010 and 1001:0000 are the same byte (linear = seg * 16 + off)"

    /* --- 16-bit arithmetic and flags --- */
    SAY "16-bit arithmetic\n"
    mov $0x1234ffff, %eax
    add $1, %ax
    pushf
    CHECK 0x12340000, "ADD AX wraps at 16 bits and keeps EAX[31:16]"
    pop %ax
    and $0x8d5, %ax
    CHECKW 0x55, "FFFFh + 1: ZF AF PF CF set, SF OF clear"
    clc
    mov $0x7fff, %ax
    inc %ax
    pushf
    pop %ax
    and $0x8d5, %ax
    CHECKW 0x894, "INC 7FFFh: OF SF AF PF set, CF kept clear"
    xor %ax, %ax
    sub $1, %ax
    pushf
    CHECKW 0xffff, "0 - 1 = FFFFh"
    pop %ax
    and $0x8d5, %ax
    CHECKW 0x95, "0 - 1: CF SF AF PF set"
    stc
    mov $0x1234, %ax
    adc $0x1111, %ax
    CHECKW 0x2346, "ADC with CF = 1"
    stc
    mov $0x1234, %ax
    sbb $0x0234, %ax
    CHECKW 0x0fff, "SBB with CF = 1"
    mov $0x1234, %ax
    mov $0x100, %cx
    mul %cx
    shl $16, %edx
    mov %ax, %dx
    mov %edx, %eax
    CHECK 0x00123400, "MUL CX: DX:AX = 1234h * 100h"
    mov $0x0012, %dx
    mov $0x3401, %ax
    mov $0x100, %cx
    div %cx
    shl $16, %edx
    mov %ax, %dx
    mov %edx, %eax
    CHECK 0x00011234, "DIV CX: quotient 1234h, remainder 1"
    mov $-7, %ax
    cwd
    mov $2, %cx
    idiv %cx
    shl $16, %edx
    mov %ax, %dx
    mov %edx, %eax
    CHECK 0xfffffffd, "IDIV: -7 / 2 = -3 remainder -1"
    mov $0x8000, %ax
    sar $15, %ax
    CHECKW 0xffff, "SAR 8000h, 15"
    mov $0x00ff, %bx
    movsbw %bl, %ax
    CHECKW 0xffff, "MOVSX AX, BL"

    /* --- operand-size prefix: 32-bit operations in real mode --- */
    SAY "operand-size prefix (66h)\n"
    mov $0x12345678, %eax
    add $0x11111111, %eax
    CHECK 0x23456789, "32-bit ADD with the 66h prefix"
    mov $0x80000000, %ebx
    shr $31, %ebx
    mov %ebx, %eax
    CHECK 1, "32-bit SHR"
    mov $0xffff0000, %eax
    mov $0x10, %ecx
    imul %ecx, %eax
    CHECK 0xfff00000, "32-bit IMUL"
    mov $0x87654321, %eax
    bswap %eax
    CHECK 0x21436587, "BSWAP EAX"

    /* --- 16-bit addressing: BP defaults to SS, offsets wrap at 64 KiB --- */
    SAY "16-bit ModRM addressing\n"
    mov $0x1000, %ax
    mov %ax, %ds
    mov $0x2000, %ax
    mov %ax, %es
    movw $0x1111, 0x100         /* DS:0100 */
    movw $0x2222, %es:0x100     /* 2000:0100 */
    mov %ax, %ss                /* SS = 2000h; the stack is not used below */
    mov $0x100, %bp
    mov (%bp), %ax              /* SS:[BP] */
    mov $0x100, %bx
    mov (%bx), %cx              /* DS:[BX] */
    mov $0x80, %bp
    mov $0x80, %si
    mov (%bp,%si), %dx          /* SS:[BP+SI] */
    mov $0x80, %bx
    mov $0x80, %di
    mov (%bx,%di), %di          /* DS:[BX+DI] */
    mov $0x100, %bp
    mov %ds:(%bp), %si          /* an override beats the default */
    xor %bx, %bx
    mov %bx, %ss
    CHECKW 0x2222, "[BP] uses SS"
    mov %cx, %ax
    CHECKW 0x1111, "[BX] uses DS"
    mov %dx, %ax
    CHECKW 0x2222, "[BP+SI] uses SS"
    mov %di, %ax
    CHECKW 0x1111, "[BX+DI] uses DS"
    mov %si, %ax
    CHECKW 0x1111, "DS:[BP] with a segment override"
    movw $0xbeef, 0x0001        /* DS:0001 */
    mov $0xffff, %bx
    mov $2, %si
    mov (%bx,%si), %ax
    CHECKW 0xbeef, "[BX+SI] = FFFFh + 2 wraps to 0001h"
    mov $0xfff0, %bx
    mov 0x11(%bx), %ax
    CHECKW 0xbeef, "[BX+11h] with BX = FFF0h wraps to 0001h"
    mov $-1, %di
    mov 2(%di), %ax
    CHECKW 0xbeef, "[DI+2] with DI = FFFFh wraps to 0001h"
    movw $0x3333, 0x200
    mov $0x100, %ebx
    mov $0x80, %esi
    mov (%ebx,%esi,2), %ax      /* 67h: 32-bit addressing */
    CHECKW 0x3333, "address-size prefix (67h): [EBX+ESI*2]"
    mov $0x70, %ax              /* moffs16 through DS = 0070h */
    mov %ax, %ds
    movw $0x4444, 0x0000
    xor %ax, %ax
    mov %ax, %ds
    mov 0x700, %ax
    CHECKW 0x4444, "MOV AX, moffs16 through another DS base"
    movb $0x11, 0x900
    movb $0x22, 0x901
    movb $0x33, 0x902
    mov $0x12340900, %ebx
    mov $2, %ax
    xlat
    CHECKW 0x33, "XLAT uses BX only with 16-bit addressing"
    movw $0x1234, 0x700
    movw $0x5678, 0x702
    les 0x700, %bx
    mov %es, %ax
    CHECKW 0x5678, "LES: segment part"
    mov %bx, %ax
    CHECKW 0x1234, "LES: offset part"

    /* --- the 16-bit stack --- */
    SAY "16-bit stack\n"
    mov %sp, %bx
    pushw $0x1234
    pushl $0x56789abc
    mov %sp, %cx
    sub %cx, %bx
    popl %eax
    CHECK 0x56789abc, "PUSH/POP with 66h: a dword"
    pop %ax
    CHECKW 0x1234, "PUSH/POP: a word"
    mov %bx, %ax
    CHECKW 6, "SP moved by 2 + 4"
    mov %sp, SCRATCH
    mov $1, %ax
    mov $2, %cx
    mov $3, %dx
    mov $4, %bx
    mov $6, %bp
    mov $7, %si
    mov $8, %di
    pusha
    mov %sp, %bp
    mov %ss:6(%bp), %ax         /* the pushed SP */
    mov %ax, SCRATCH + 2
    mov %sp, %ax
    mov %ax, SCRATCH + 4
    xor %ax, %ax
    xor %cx, %cx
    xor %dx, %dx
    xor %bx, %bx
    xor %bp, %bp
    xor %si, %si
    xor %di, %di
    popa
    add %cx, %ax
    add %dx, %ax
    add %bx, %ax
    add %bp, %ax
    add %si, %ax
    add %di, %ax
    CHECKW 31, "PUSHA/POPA restore AX CX DX BX BP SI DI"
    mov SCRATCH, %ax
    sub SCRATCH + 4, %ax
    CHECKW 16, "PUSHA pushes 8 words"
    mov SCRATCH + 2, %ax
    cmp SCRATCH, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "PUSHA stores SP as it was before"
    mov %sp, %ax
    cmp SCRATCH, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "POPA restores SP"
    pushal
    mov %sp, SCRATCH + 6
    popal
    mov SCRATCH, %ax
    sub SCRATCH + 6, %ax
    CHECKW 32, "PUSHAD (66h) pushes 8 dwords"
    /* ENTER 4, 2 with a 16-bit stack (SDM vol. 2A, ENTER) */
    mov %sp, %si                /* S */
    mov $0x6000, %bp            /* B, with W at SS:B-2 */
    movw $0x7777, 0x5ffe
    enter $4, $2
    mov %bp, %ax
    lea -2(%si), %cx
    cmp %cx, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "ENTER 4,2: BP = SP - 2 (the frame)"
    mov %sp, %ax
    lea -10(%si), %cx
    cmp %cx, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "ENTER 4,2: SP = frame - 2 - 2 - 4"
    mov -4(%si), %ax
    CHECKW 0x7777, "ENTER 4,2 copied [BP-2] of the outer frame"
    mov -6(%si), %ax
    lea -2(%si), %cx
    cmp %cx, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "ENTER 4,2 pushed the frame pointer"
    leave
    mov %bp, %ax
    CHECKW 0x6000, "LEAVE restores BP"
    mov %sp, %ax
    cmp %si, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "LEAVE restores SP"

    /* --- far transfers --- */
    SAY "far CALL/RET and INT/IRET\n"
    lcall $0xf000, $far_cs
    CHECKW 0xf000, "far CALL F000:far_cs"
    lcall $0xef00, $(far_cs + 0x1000)
    CHECKW 0xef00, "far CALL to the same code through CS = EF00h"
    mov %sp, %si
    pushw $1
    pushw $2
    lcall $0xf000, $far_cs_pop4
    mov %sp, %ax
    cmp %si, %ax
    sete %al
    movzbw %al, %ax
    CHECKW 1, "RETF 4 drops the arguments"
    pushl $0                    /* the slots the CALL writes hold 0 */
    pushl $0
    add $8, %sp
    lcalll $0xf000, $far32_frame
far32_ret:
    CHECK 0xf000, "32-bit far CALL pushes CS as a dword"
    mov %ecx, %eax
    CHECK far32_ret, "32-bit far CALL pushes EIP as a dword"
    movw $(far_cs + 0x1000), 0x700
    movw $0xef00, 0x702
    lcall *0x700
    CHECKW 0xef00, "far CALL through a pointer in memory"
    movw $1f, 0x704
    movw $0xf000, 0x706
    xor %ax, %ax
    ljmp *0x704
    mov $0xdead, %ax
1:  CHECKW 0, "far JMP through a pointer in memory"
    movw $int80_handler, 0x80 * 4
    movw $0xf000, 0x80 * 4 + 2
    std
    stc
    int $0x80
int80_ret:
    pushf
    cld
    pop %ax
    and $0x401, %ax
    CHECKW 0x401, "IRET restores FLAGS (CF DF)"
    mov SCRATCH + 0x20, %ax
    CHECKW int80_ret, "INT pushes the IP of the next instruction"
    mov SCRATCH + 0x22, %ax
    CHECKW 0xf000, "INT pushes CS"
    mov SCRATCH + 0x24, %ax
    and $0x401, %ax
    CHECKW 0x401, "INT pushes FLAGS"
    mov SCRATCH + 0x26, %ax
    and $0x100, %ax
    CHECKW 0, "TF is clear in the handler"

    /* --- LOOP and JCXZ count with CX --- */
    SAY "LOOP/JCXZ with CX\n"
    mov $0x12340003, %ecx
    xor %ax, %ax
1:  inc %ax
    loop 1b
    CHECKW 3, "LOOP runs CX times"
    mov %ecx, %eax
    CHECK 0x12340000, "LOOP leaves ECX[31:16] alone"
    xor %ax, %ax
    jcxz 1f
    mov $1, %ax
1:  CHECKW 0, "JCXZ tests CX only"
    mov $0x00010001, %ecx
    xor %ax, %ax
1:  inc %ax
    addr32 loop 1b
    CHECKW 1, "LOOP with 67h counts ECX (65537 times)"
    mov %ecx, %eax
    CHECK 0, "... down to ECX = 0"
    mov $0x00050000, %ecx
    xor %ax, %ax
    mov $5, %dx
1:  dec %dx
    loopnz 1b
    mov %cx, %ax
    CHECKW 0xfffb, "LOOPNZ stops on ZF (5 passes from CX = 0)"

    /* --- string instructions on SI/DI/CX --- */
    SAY "string instructions with 16-bit addressing\n"
    movl $0x44434241, 0x800     /* "ABCDEFGH" at 0:0800 */
    movl $0x48474645, 0x804
    mov $0x1000, %ax
    mov %ax, %es
    mov $0x00050800, %esi
    mov $0x00070000, %edi
    mov $0x00090008, %ecx
    rep movsb
    mov %esi, %eax
    CHECK 0x00050808, "REP MOVSB advances SI only"
    mov %edi, %eax
    CHECK 0x00070008, "REP MOVSB advances DI only"
    mov %ecx, %eax
    CHECK 0x00090000, "REP MOVSB counts CX only"
    mov %es:0, %eax
    CHECK 0x44434241, "REP MOVSB copied to ES:0"
    mov %es:4, %eax
    CHECK 0x48474645, "... all 8 bytes"
    std
    mov $0x806, %si
    mov $0x106, %di
    mov $4, %cx
    rep movsw
    cld
    mov %si, %ax
    CHECKW 0x7fe, "REP MOVSW with DF = 1 goes down"
    mov %es:0x100, %eax
    CHECK 0x44434241, "REP MOVSW with DF = 1 copied"
    mov $0x200, %di
    mov $0xa5a5, %ax
    mov $4, %cx
    rep stosw
    mov %di, %ax
    CHECKW 0x208, "REP STOSW"
    movb $'x', %es:5
    mov $0x800, %si
    xor %di, %di
    mov $8, %cx
    repe cmpsb
    pushf
    mov %cx, %ax
    CHECKW 2, "REPE CMPSB stops at the sixth byte"
    pop %ax
    and $0x40, %ax
    CHECKW 0, "... with ZF = 0"
    xor %di, %di
    mov $0x44, %al
    mov $8, %cx
    repne scasb
    mov %di, %ax
    CHECKW 4, "REPNE SCASB finds 'D'"
    mov $0x00010800, %esi
    lodsw
    CHECKW 0x4241, "LODSW reads DS:SI (SI only)"
    xor %ax, %ax
    mov %ax, %es

    /* --- port I/O: the master PIC's interrupt mask register (OCW1) --- */
    SAY "port I/O\n"
    mov $0xa5, %al
    out %al, $0x21
    xor %al, %al
    in $0x21, %al
    CHECKW 0xa5, "OUT/IN imm8: PIC mask register reads back"
    mov $0x21, %dx
    mov $0x5a, %al
    out %al, %dx
    xor %al, %al
    in %dx, %al
    CHECKW 0x5a, "OUT/IN DX"
    movb $0x11, 0x900
    movb $0x22, 0x901
    movb $0x33, 0x902
    mov $0x900, %si
    mov $3, %cx
    rep outsb
    in %dx, %al
    CHECKW 0x33, "REP OUTSB: the last byte written wins"
    mov %si, %ax
    CHECKW 0x903, "REP OUTSB advances SI"
    movl $0, 0xa00
    movb $0xee, 0xa04
    mov $0xa00, %di
    mov $4, %cx
    rep insb
    mov 0xa00, %eax
    CHECK 0x33333333, "REP INSB fills ES:DI"
    movzbw 0xa04, %ax
    CHECKW 0xee, "... and no further"
    mov %di, %ax
    CHECKW 0xa04, "REP INSB advances DI"
    mov $0x77, %al
    mov %al, 0xa08
    mov $0xa08, %si
    outsb
    movb $0, 0xa09
    mov $0xa09, %di
    insb
    movzbw 0xa09, %ax
    CHECKW 0x77, "OUTSB then INSB"
    mov $0xff, %al
    out %al, $0x21

    /* --- descriptor-table registers with a 16-bit operand --- */
    SAY "LGDT/SGDT/SIDT with 16-bit operands\n"
    movw $0x1234, 0x680
    movl $0x12345678, 0x682
    lgdtw 0x680
    sgdtl 0x690
    mov 0x692, %eax
    CHECK 0x00345678, "LGDT o16 loads 24 bits of base"
    mov 0x690, %ax
    CHECKW 0x1234, "LGDT o16 loads the limit"
    lgdtl 0x680
    sgdtl 0x690
    mov 0x692, %eax
    CHECK 0x12345678, "LGDT o32 loads 32 bits of base"
    movl $0xffffffff, 0x6a2
    sgdtw 0x6a0
    mov 0x6a2, %eax
    CHECK 0x00345678, "SGDT o16 stores 24 bits of base and a zero byte"
    sidtl 0x6b0
    mov 0x6b2, %eax
    CHECK 0, "IDT base 0 after reset"
    mov 0x6b0, %ax
    CHECKW 0xffff, "IDT limit FFFFh after reset (SDM vol. 3A table 9-1)"

    /* --- round trip through 16-bit protected mode --- */
    SAY "protected mode and back\n"
    lgdtl %cs:pm_gdt_desc
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmp $0x08, $1f
1:  mov $0x10, %ax              /* data segment with base 10000h */
    mov %ax, %ds
    mov $0x18, %ax              /* FS: flat 4 GiB, kept in real mode ("big real mode") */
    mov %ax, %fs
    movw $0x6543, 0x20          /* linear 10020h */
    xor %ax, %ax
    mov %cr0, %eax
    and $0xfffffffe, %eax
    mov %eax, %cr0
    ljmp $0xf000, $1f
1:  xor %ax, %ax
    mov %ax, %ds
    mov %cs, %ax
    CHECKW 0xf000, "back in real mode at CS F000h"
    mov $0x1000, %ax
    mov %ax, %es
    mov %es:0x20, %ax
    CHECKW 0x6543, "the protected-mode segment base was 10000h"
    xor %ax, %ax
    mov %ax, %es

    /* --- FLAGS at CPL 0 --- */
    pushw $0x3002
    popf
    pushf
    pop %ax
    and $0x3000, %ax
    CHECKW 0x3000, "POPF in real mode sets IOPL"
    pushw $0x0002
    popf
    pushfl
    popl %eax
    and $0x30000, %eax
    CHECK 0, "PUSHFD: VM and RF read as 0"

    /* --- interrupt shadow of STI, HLT (PIT channel 0 on IRQ 0) --- */
    SAY "STI shadow and HLT with IRQ 0\n"
    movw $irq0_handler, 8 * 4
    movw $0xf000, 8 * 4 + 2
    movw $0, SCRATCH + 0x32
    /* Virtual wire mode (MP spec 1.4, 3.6.2.2): with a local APIC the
     * PIC's INTR reaches the processor through LINT0 as ExtINT, masked
     * after reset until a BIOS programs it (SDM vol. 3A 11.4.7.1).  SVR
     * first: LVT masks are forced while it is software-disabled.  The
     * APIC is reached through FS, whose 4 GiB limit survived the return
     * to real mode. */
    mov $1, %eax
    cpuid
    test $(1 << 9), %edx
    jz 1f
    addr32 movl $0x1ff, %fs:0xfee000f0
    addr32 movl $0x700, %fs:0xfee00350
    addr32 movl $0x400, %fs:0xfee00360
1:  call pic_init
    call irq0_wait_pending
    CHECKW 1, "IRQ 0 pending in the PIC's IRR while IF = 0"
    sti
    mov %ax, %ax                /* the shadow */
shadow_end:
    nop
    nop
    cli
    mov SCRATCH + 0x30, %ax
    CHECKW shadow_end, "STI: the interrupt comes after the next instruction"
    mov SCRATCH + 0x32, %ax
    CHECKW 1, "IRQ 0 taken once"
    call pic_unmask0
    call irq0_wait_pending
    sti
    hlt
hlt_end:
    cli
    mov SCRATCH + 0x30, %ax
    CHECKW hlt_end, "STI; HLT: woken by IRQ 0, IP after HLT"
    mov SCRATCH + 0x32, %ax
    CHECKW 2, "IRQ 0 taken twice"
    /* a halt that waits for the next tick */
    call pic_unmask0
    sti
    hlt
hlt2_end:
    cli
    mov SCRATCH + 0x32, %ax
    CHECKW 3, "STI; HLT again: IRQ 0 taken a third time"
    mov $0x30, %al              /* PIT channel 0 back to one-shot, stopped */
    out %al, $0x43

    /* --- the result --- */
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    cld
    mov FAILS, %ax
    test %ax, %ax
    jnz 1f
    mov $s_pass, %si
    call puts
    mov CHECKS, %ax
    call putdec
    mov $s_checks, %si
    call puts
    mov $0x21, %al
    out %al, $0xf4
    jmp 2f
1:  mov $s_failed, %si
    call puts
    call putdec
    mov $s_of, %si
    call puts
    mov CHECKS, %ax
    call putdec
    mov $s_checks_failed, %si
    call puts
    mov $0x22, %al
    out %al, $0xf4
2:  cli
    hlt
    jmp 2b

/* 8259A: ICW1 edge, cascade, ICW4; vectors 08h (master) and 70h (slave);
 * only IRQ 0 unmasked.  8254: channel 0, mode 2 (rate generator), count
 * 1193 (about 1 ms).  Datasheets: Intel 8259A, 8254. */
pic_init:
    mov $0x11, %al
    out %al, $0x20
    mov $0x08, %al
    out %al, $0x21
    mov $0x04, %al
    out %al, $0x21
    mov $0x01, %al
    out %al, $0x21
    mov $0x11, %al
    out %al, $0xa0
    mov $0x70, %al
    out %al, $0xa1
    mov $0x02, %al
    out %al, $0xa1
    mov $0x01, %al
    out %al, $0xa1
    mov $0xff, %al
    out %al, $0xa1
    mov $0x34, %al
    out %al, $0x43
    mov $(1193 & 0xff), %al
    out %al, $0x40
    mov $(1193 >> 8), %al
    out %al, $0x40
pic_unmask0:
    mov $0xfe, %al
    out %al, $0x21
    ret

/* Waits (IF = 0, bounded: some seconds) for IRQ 0 in the master IRR
 * (OCW3 0Ah selects the IRR for reads of port 20h).  AX = 1 if it came.
 * The port is read every 2000 loop passes. */
irq0_wait_pending:
    push %ecx
    mov $0x0a, %al
    out %al, $0x20
    mov $4000000, %ecx
1:  push %cx
    mov $2000, %cx
3:  loop 3b
    pop %cx
    in $0x20, %al
    test $1, %al
    jnz 2f
    addr32 loop 1b
    xor %ax, %ax
    pop %ecx
    ret
2:  mov $1, %ax
    pop %ecx
    ret

    .section .rodata
    .balign 8
pm_gdt:
    .quad 0
    .quad 0x00009b0f0000ffff        /* 08: 16-bit code, base F0000h, limit 64 KiB */
    .quad 0x000093010000ffff        /* 10: 16-bit data, base 10000h, limit 64 KiB */
    .quad 0x008f93000000ffff        /* 18: data, base 0, limit 4 GiB (G) */
pm_gdt_desc:
    .word pm_gdt_desc - pm_gdt - 1
    .long pm_gdt + 0xf0000
s_ok: .asciz "  ok   "
s_fail: .asciz "  FAIL "
s_got: .asciz " (got "
s_expected: .asciz ", expected "
s_pass: .asciz "PASS: realmode ("
s_checks: .asciz " checks)\n"
s_failed: .asciz "FAIL: realmode ("
s_of: .asciz " of "
s_checks_failed: .asciz " checks failed)\n"

    .section .reset16, "ax"
    .globl reset
reset:
    ljmp $0xf000, $start
