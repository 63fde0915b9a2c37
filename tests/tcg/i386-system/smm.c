/* System-management mode as a PC's firmware uses it (SDM Vol. 3C chapter
 * 34; Intel 82371AB PIIX4 datasheet, DEVACTB APMC_EN and the APM control
 * port 0B2h; Intel 82441FX (i440FX) datasheet, SMRAM register 72h).
 *
 * An SMI from a write to port 0B2h runs a real-mode handler at SMBASE +
 * 8000H that reports the state save map (SMBASE 7EF8H, revision 7EFCH,
 * EIP 7FF0H, CR0 7FFCH, EBX 7FDCH) to normal memory, edits the saved EBX
 * (RSM must restore the edited value) and relocates SMBASE to A0000H
 * (34.11), as SeaBIOS does.  A second SMI must then run at A8000H, and a
 * third one too with SMRAM closed, where only SMM sees SMRAM. */
#include "sys.h"

const char test_name[] = "smm";

/* [0] count, [1] SMBASE field, [2] revision, [3] saved EIP, [4] saved CR0,
 * [5] saved EBX, [6] CR0 inside SMM */
volatile u32 smm_mail[8];
extern char smm_handler[], smm_handler_end[], smi_out_next[], smi_after[];

/* The handler: 16-bit code, CS base = SMBASE, DS base 0 with a 4 GiB
 * limit (SDM Vol. 3C, table 34-4), so addr32 reaches smm_mail at 1 MiB. */
__asm__(".pushsection .text\n"
        ".code16\n"
        "smm_handler:\n"
        "    movl %cs:0xfef8, %eax\n"
        "    addr32 movl %eax, smm_mail+4\n"
        "    movl %cs:0xfefc, %eax\n"
        "    addr32 movl %eax, smm_mail+8\n"
        "    movl %cs:0xfff0, %eax\n"
        "    addr32 movl %eax, smm_mail+12\n"
        "    movl %cs:0xfffc, %eax\n"
        "    addr32 movl %eax, smm_mail+16\n"
        "    movl %cs:0xffdc, %eax\n"
        "    addr32 movl %eax, smm_mail+20\n"
        "    movl %cr0, %eax\n"
        "    addr32 movl %eax, smm_mail+24\n"
        "    movl $0x5a5a1234, %cs:0xffdc\n"
        "    movl $0xa0000, %cs:0xfef8\n"
        "    addr32 incl smm_mail\n"
        "    rsm\n"
        "smm_handler_end:\n"
        ".code32\n"
        ".popsection\n");

static inline u32 inl(u16 p) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p)); return v; }

#define PCI_I440FX 0x00          /* 00:00.0 */
#define PCI_PIIX4_PM 0x0b        /* 00:01.3 */

static u32 pci_readl(u32 devfn, u32 reg)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    return inl(0xcfc);
}

static void pci_writel(u32 devfn, u32 reg, u32 v)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    outl(0xcfc, v);
}

static void pci_writeb(u32 devfn, u32 reg, u8 v)
{
    outl(0xcf8, 0x80000000u | devfn << 8 | (reg & 0xfc));
    outb(0xcfc + (reg & 3), v);
}

/* Raises an SMI with EBX = 0x11223344; returns EBX after RSM.  The SMI
 * arrives from the chipset at an instruction boundary after the OUT: the
 * JMP gives emulators that take it at the end of a translation block a
 * boundary before EBX is read. */
static __attribute__((noinline)) u32 raise_smi(void)
{
    u32 ebx;
    __asm__ volatile("movl $0x11223344, %%ebx\n\t"
                     "xor %%eax, %%eax\n\t"
                     "outb %%al, $0xb2\n"
                     "smi_out_next:\n\t"
                     "jmp smi_after\n"
                     "smi_after:\n\t"
                     "nop"
                     : "=b"(ebx) :: "eax", "memory");
    return ebx;
}

int main(void)
{
    u32 ebx, rom_word;
    unsigned len = smm_handler_end - smm_handler;

    puts("SMRAM open (i440FX SMRAM 72h = 4Ah: D_OPEN, G_SMRAME, C_BASE_SEG 010b)\n");
    pci_writeb(PCI_I440FX, 0x72, 0x4a);
    memcpy((void *)0x38000, smm_handler, len);
    memcpy((void *)0xa8000, smm_handler, len);
    {
        int same = 1;
        for (unsigned i = 0; i < len; i++)
            same &= ((u8 *)0x38000)[i] == (u8)smm_handler[i] && ((u8 *)0xa8000)[i] == (u8)smm_handler[i];
        check(same, "handlers (%u bytes) copied to 38000h and to open SMRAM at A8000h", len);
    }

    puts("APMC_EN (PIIX4 DEVACTB 58h bit 25): a write to port B2h raises SMI\n");
    pci_writel(PCI_PIIX4_PM, 0x58, pci_readl(PCI_PIIX4_PM, 0x58) | (1u << 25));
    if (!(pci_readl(PCI_PIIX4_PM, 0x40) & 1) || !(pci_readl(PCI_PIIX4_PM, 0x80) & 1)) {
        pci_writel(PCI_PIIX4_PM, 0x40, 0xb001);                /* PMBA */
        pci_writeb(PCI_PIIX4_PM, 0x80, 1);                     /* PMIOSE */
    }
    outl((pci_readl(PCI_PIIX4_PM, 0x40) & 0xffc0) + 0x28,      /* GLBCTL.SMI_EN */
         inl((pci_readl(PCI_PIIX4_PM, 0x40) & 0xffc0) + 0x28) | 1);

    puts("first SMI (SDM 34.4, 34.5)\n");
    ebx = raise_smi();
    check(smm_mail[0] == 1, "the handler ran once (%u)", smm_mail[0]);
    check(smm_mail[1] == 0x30000 || smm_mail[1] == 0xa0000,
          "SMBASE field %x (30000h after reset, A0000h if the firmware relocated it)", smm_mail[1]);
    check((smm_mail[2] & 0x2ffff) == 0x20000,
          "revision %x: IA-32 map (bits 15..0 = 0) with SMBASE relocation (bit 17)", smm_mail[2]);
    check(smm_mail[3] == (u32)smi_out_next || smm_mail[3] == (u32)smi_after,
          "saved EIP %x is an instruction boundary after the OUT (%x or %x)", smm_mail[3],
          (u32)smi_out_next, (u32)smi_after);
    check(smm_mail[4] == read_cr0(), "saved CR0 %x (now %x)", smm_mail[4], read_cr0());
    check(smm_mail[5] == 0x11223344, "saved EBX %x", smm_mail[5]);
    check(!(smm_mail[6] & 0x80000001u), "in SMM CR0.PE and CR0.PG are clear (%x)", smm_mail[6]);
    check(ebx == 0x5a5a1234, "RSM restored the EBX the handler wrote (%x)", ebx);

    puts("second SMI: SMBASE relocated to A0000h (SDM 34.11)\n");
    smm_mail[1] = 0;
    ebx = raise_smi();
    check(smm_mail[0] == 2, "the handler ran again (%u)", smm_mail[0]);
    check(smm_mail[1] == 0xa0000, "it ran at A8000h: SMBASE field %x", smm_mail[1]);
    check(ebx == 0x5a5a1234, "EBX after RSM %x", ebx);

    puts("SMRAM closed (72h = 0Ah): only SMM sees it\n");
    pci_writeb(PCI_I440FX, 0x72, 0x0a);
    rom_word = *(volatile u32 *)0xa8000;
    check(rom_word != *(u32 *)smm_handler, "a normal read of A8000h no longer sees the handler (%x)",
          rom_word);
    smm_mail[1] = 0;
    ebx = raise_smi();
    check(smm_mail[0] == 3, "SMI with SMRAM closed still runs the handler (%u)", smm_mail[0]);
    check(smm_mail[1] == 0xa0000 && ebx == 0x5a5a1234, "SMBASE field %x, EBX %x", smm_mail[1], ebx);
    return 0;
}
