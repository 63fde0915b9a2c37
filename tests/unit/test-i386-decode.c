/*
 * The i386 decoder (target/i386/decode.c) on byte arrays: instruction
 * lengths over prefixes, every ModRM/SIB/displacement form, 16-bit
 * addressing, immediates, groups; the 15-byte limit; #UD encodings.
 */
#include <glib.h>
#include <string.h>
#include <capstone/capstone.h>

#include "target/i386/decode.h"

typedef struct Case {
    const char *name;
    uint8_t bytes[16];
    int nbytes;
    bool code32;
    int len;        /* expected length */
    int result;     /* expected X86_DECODE_* */
} Case;

#define C32(nm, len, ...) { nm, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), true, len, \
                            X86_DECODE_OK }
#define C16(nm, len, ...) { nm, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), false, \
                            len, X86_DECODE_OK }
#define UD32(nm, len, ...) { nm, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), true, \
                             len, X86_DECODE_UD }

static const Case cases[] = {
    C32("nop", 1, 0x90),
    C32("add eax,ecx", 2, 0x01, 0xc8),
    C32("add [eax],ecx", 2, 0x01, 0x08),
    C32("add [disp32],ecx", 6, 0x01, 0x0d, 0x78, 0x56, 0x34, 0x12),
    C32("add [eax+disp8],ecx", 3, 0x01, 0x48, 0x10),
    C32("add [eax+disp32],ecx", 6, 0x01, 0x88, 1, 2, 3, 4),
    C32("sib [eax+ebx*4]", 3, 0x01, 0x0c, 0x98),
    C32("sib no base disp32", 7, 0x01, 0x0c, 0x9d, 1, 2, 3, 4),
    C32("sib [ebp+disp8]", 4, 0x01, 0x4c, 0x25, 0x08),
    C32("sib [esp]", 3, 0x8b, 0x04, 0x24),
    C32("add al,imm8", 2, 0x04, 0x7f),
    C32("add eax,imm32", 5, 0x05, 1, 2, 3, 4),
    C32("66 add ax,imm16", 4, 0x66, 0x05, 1, 2),
    C32("grp1 81 /0 [mem],imm32", 10, 0x81, 0x80, 1, 2, 3, 4, 5, 6, 7, 8),
    C32("grp1 83 /7 reg,imm8", 3, 0x83, 0xf8, 0x05),
    C32("grp3 f6 /0 test imm8", 3, 0xf6, 0xc0, 0x12),
    C32("grp3 f7 /0 test imm32", 6, 0xf7, 0xc0, 1, 2, 3, 4),
    C32("grp3 f7 /3 neg", 2, 0xf7, 0xd8),
    C32("66 f7 /0 test imm16", 5, 0x66, 0xf7, 0xc0, 1, 2),
    C32("mov moffs32", 5, 0xa1, 1, 2, 3, 4),
    C32("67 mov moffs16", 4, 0x67, 0xa1, 1, 2),
    C32("enter", 4, 0xc8, 0x10, 0x00, 0x01),
    C32("callf ptr16:32", 7, 0x9a, 1, 2, 3, 4, 5, 6),
    C32("66 jmpf ptr16:16", 6, 0x66, 0xea, 1, 2, 3, 4),
    C32("ret imm16", 3, 0xc2, 0x08, 0x00),
    C32("jcc rel32", 6, 0x0f, 0x84, 1, 2, 3, 4),
    C32("jmp rel8", 2, 0xeb, 0xfe),
    C32("call rel32", 5, 0xe8, 0, 0, 0, 0),
    C32("shld imm8", 4, 0x0f, 0xa4, 0xc8, 0x04),
    C32("bt grp8 imm8", 4, 0x0f, 0xba, 0xe0, 0x1f),
    C32("imul r,rm,imm8", 3, 0x6b, 0xc0, 0x05),
    C32("imul r,rm,imm32", 6, 0x69, 0xc0, 1, 2, 3, 4),
    C32("mov [mem],imm32", 10, 0xc7, 0x05, 1, 2, 3, 4, 5, 6, 7, 8),
    C32("gs: mov eax,[disp32]", 6, 0x65, 0xa1, 0x14, 0, 0, 0),
    C32("lock add [eax],ecx", 3, 0xf0, 0x01, 0x08),
    C32("rep movsd", 2, 0xf3, 0xa5),
    C32("nopw 0f 1f 44 00 00", 5, 0x0f, 0x1f, 0x44, 0x00, 0x00),
    C32("66 nopw cs:[eax+eax+0]", 10, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0, 0, 0, 0),
    C32("x87 fld qword [ebx]", 2, 0xdd, 0x03),
    C32("x87 fstp st1", 2, 0xdd, 0xd9),
    C32("cmpxchg8b [esi]", 3, 0x0f, 0xc7, 0x0e),
    C32("movzx eax, byte [ebx+disp8]", 4, 0x0f, 0xb6, 0x43, 0x01),
    C32("bswap", 2, 0x0f, 0xc9),
    C32("int 0x80", 2, 0xcd, 0x80),
    C32("aam imm", 2, 0xd4, 0x0a),
    C32("pop [esp+4]", 4, 0x8f, 0x44, 0x24, 0x04),
    C32("mov cr0 ignores ModRM.mod", 3, 0x0f, 0x20, 0x05),
    C32("xbegin rel32", 6, 0xc7, 0xf8, 1, 2, 3, 4),
    C16("16: mov ax,[bx+si]", 2, 0x8b, 0x00),
    C16("16: mov ax,[disp16]", 4, 0x8b, 0x06, 0x34, 0x12),
    C16("16: mov ax,[bp+disp8]", 3, 0x8b, 0x46, 0x02),
    C16("16: mov ax,[bx+disp16]", 4, 0x8b, 0x87, 1, 2),
    C16("16: add ax,imm16", 3, 0x05, 1, 2),
    C16("16: 66 add eax,imm32", 6, 0x66, 0x05, 1, 2, 3, 4),
    C16("16: 67 mov eax,[sib]", 4, 0x67, 0x8b, 0x04, 0x24),
    C16("16: jmp rel16", 3, 0xe9, 1, 2),
    /* system instructions, as a BIOS runs them in 16-bit code */
    C16("16: lgdt [disp16]", 5, 0x0f, 0x01, 0x16, 0x34, 0x12),
    C16("16: 66 lidt [bp+si+disp8]", 5, 0x66, 0x0f, 0x01, 0x5a, 0x08),
    C16("16: 66 2e lgdt cs:[disp16]", 7, 0x66, 0x2e, 0x0f, 0x01, 0x16, 1, 2),
    C16("16: 66 ljmp ptr16:32", 8, 0x66, 0xea, 1, 2, 3, 4, 0x08, 0x00),
    C16("16: ljmp ptr16:16", 5, 0xea, 1, 2, 0x00, 0xf0),
    C16("16: in al,imm8", 2, 0xe4, 0x92),
    C16("16: out dx,al", 1, 0xee),
    C16("16: 66 in eax,dx", 2, 0x66, 0xed),
    C16("16: rep insw", 2, 0xf3, 0x6d),
    C16("16: 67 rep outsb", 3, 0x67, 0xf3, 0x6e),
    C16("16: 66 mov cr0,eax", 4, 0x66, 0x0f, 0x22, 0xc0),
    C32("mov eax,cr3", 3, 0x0f, 0x20, 0xd8),
    C32("mov dr7,eax", 3, 0x0f, 0x23, 0xf8),
    C32("lmsw ax", 3, 0x0f, 0x01, 0xf0),
    C32("invlpg [eax+disp8]", 4, 0x0f, 0x01, 0x78, 0x10),
    C32("lldt ax", 3, 0x0f, 0x00, 0xd0),
    C32("ltr [disp32]", 7, 0x0f, 0x00, 0x1d, 1, 2, 3, 4),
    C32("wrmsr", 2, 0x0f, 0x30),
    C32("sysenter", 2, 0x0f, 0x34),
    C32("sysexit", 2, 0x0f, 0x35),
    C32("rsm", 2, 0x0f, 0xaa),
    C32("hlt", 1, 0xf4),
    C32("wbinvd", 2, 0x0f, 0x09),
    /* MMX/SSE: decoded for the length, then #UD (issue 4) */
    C32("sse movaps", 3, 0x0f, 0x28, 0xc1),
    C32("sse pshufd imm8", 5, 0x66, 0x0f, 0x70, 0xc1, 0x1b),
    UD32("0f 38 pshufb", 4, 0x0f, 0x38, 0x00, 0xc1),
    UD32("0f 3a palignr", 5, 0x0f, 0x3a, 0x0f, 0xc1, 0x08),
    UD32("0f 04 (undefined)", 2, 0x0f, 0x04),
    UD32("grp 8f /1 (undefined)", 2, 0x8f, 0xc8),
    UD32("lea with register operand", 2, 0x8d, 0xc0),
};

static uint8_t fetch_from_case(void *opaque, uint32_t pc)
{
    const uint8_t *bytes = opaque;
    return pc < 16 ? bytes[pc] : 0x90;
}

static void test_lengths(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        uint8_t buf[16];
        X86DecodedInsn d;
        int rc;

        memset(buf, 0x90, sizeof(buf));
        memcpy(buf, c->bytes, c->nbytes);
        rc = x86_decode(&d, 0, c->code32, fetch_from_case, buf);
        if (rc != c->result || d.len != c->len) {
            g_test_message("%s: length %d (expected %d), result %d (expected %d)",
                           c->name, d.len, c->len, rc, c->result);
        }
        g_assert_cmpint(rc, ==, c->result);
        g_assert_cmpint(d.len, ==, c->len);
    }
}

static void test_modrm_fields(void)
{
    /* mov ecx, gs:[ebx + esi*8 + 0x10] */
    uint8_t buf[16] = { 0x65, 0x8b, 0x4c, 0xf3, 0x10 };
    X86DecodedInsn d;

    g_assert_cmpint(x86_decode(&d, 0, true, fetch_from_case, buf), ==, X86_DECODE_OK);
    g_assert_cmpint(d.seg_override, ==, 5);
    g_assert_cmpint(d.reg, ==, 1);
    g_assert_cmpint(d.ea_base, ==, 3);
    g_assert_cmpint(d.ea_index, ==, 6);
    g_assert_cmpint(d.ea_scale, ==, 3);
    g_assert_cmpint(d.disp, ==, 0x10);
    g_assert_cmpint(d.ot, ==, 2);
}

static void test_ebp_base_defaults_to_ss(void)
{
    uint8_t buf[16] = { 0x8b, 0x45, 0xfc };   /* mov eax, [ebp-4] */
    X86DecodedInsn d;

    x86_decode(&d, 0, true, fetch_from_case, buf);
    g_assert_cmpint(d.ea_default_seg, ==, 2 /* SS */);
    g_assert_cmpint(d.disp, ==, -4);
}

/* 16-bit ModRM (SDM vol. 2A, table 2-1): forms with BP use SS, the
 * others DS; mod 0 rm 6 is a bare disp16 (DS), not [BP]. */
static void test_bp_forms_default_to_ss_16(void)
{
    static const struct {
        uint8_t modrm;
        int seg;
    } forms[] = {
        { 0x00, 3 }, { 0x01, 3 }, { 0x02, 2 }, { 0x03, 2 }, { 0x04, 3 }, { 0x05, 3 },
        { 0x06, 3 }, { 0x07, 3 }, { 0x46, 2 }, { 0x86, 2 }, { 0x42, 2 }, { 0x47, 3 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
        uint8_t buf[16] = { 0x8b, forms[i].modrm, 0x10, 0x20 };
        X86DecodedInsn d;

        g_assert_cmpint(x86_decode(&d, 0, false, fetch_from_case, buf), ==, X86_DECODE_OK);
        if (d.ea_default_seg != forms[i].seg) {
            g_test_message("modrm %02x: default segment %d, expected %d", forms[i].modrm,
                           d.ea_default_seg, forms[i].seg);
        }
        g_assert_cmpint(d.ea_default_seg, ==, forms[i].seg);
        g_assert_false(d.addr32);
        g_assert_false(d.data32);
    }
}

static void test_sixteen_prefixes_exceed_limit(void)
{
    uint8_t buf[16];
    X86DecodedInsn d;

    memset(buf, 0x66, sizeof(buf));
    buf[15] = 0x90;
    g_assert_cmpint(x86_decode(&d, 0, true, fetch_from_case, buf), ==, X86_DECODE_TOO_LONG);
}

static void test_fifteen_bytes_allowed(void)
{
    /* 4 prefixes + add [eax+disp32], imm32 (10 bytes) + 1 = 15 bytes */
    uint8_t buf[16] = { 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x81, 0x80, 1, 2, 3, 4, 5, 6, 7, 8 };
    X86DecodedInsn d;

    g_assert_cmpint(x86_decode(&d, 0, true, fetch_from_case, buf), ==, X86_DECODE_OK);
    g_assert_cmpint(d.len, ==, 15);
}

/*
 * Random byte strings (a fixed xorshift seed, biased towards prefixes and
 * the 0F map): wherever both decoders accept an instruction, our length
 * must equal capstone's.  Two capstone quirks are skipped: it ignores 66h
 * on CALL/JMP rel when F2/F3 is also present, and it honours ModRM.mod of
 * MOV CR/DR, which the processor ignores (SDM vol. 2B, MOV).
 */
static void check_random_against_capstone(bool code32)
{
    static const uint8_t prefixes[] = { 0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e, 0x64, 0x65, 0x0f };
    uint32_t rng = 0x9e3779b9u;
    uint8_t buf[32];
    int compared = 0;
    csh h;

    g_assert_cmpint(cs_open(CS_ARCH_X86, code32 ? CS_MODE_32 : CS_MODE_16, &h), ==, CS_ERR_OK);
    for (int it = 0; it < 300000; it++) {
        X86DecodedInsn d;
        cs_insn *insn;
        const X86OpRow *row;
        size_t n;
        int np;

        for (int i = 0; i < 32; i++) {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            buf[i] = (uint8_t)rng;
        }
        np = buf[31] % 3;
        for (int i = 0; i < np; i++) {
            buf[i] = prefixes[buf[30 - i] % sizeof(prefixes)];
        }
        if (x86_decode(&d, 0, code32, fetch_from_case, buf) != X86_DECODE_OK) {
            continue;
        }
        row = x86_decoded_row(&d);
        if (row->flags & X_UD) {
            continue;
        }
        n = cs_disasm(h, buf, sizeof(buf), 0, 1, &insn);
        if (n == 0) {
            continue;
        }
        if (!(d.map == 1 && (d.op & 0xfc) == 0x20) && !strstr(insn[0].mnemonic, "call") &&
            !strstr(insn[0].mnemonic, "jmp")) {
            compared++;
            if (insn[0].size != d.len) {
                g_test_message("%s %s: length %d, capstone %d (bytes %02x %02x %02x %02x)",
                               insn[0].mnemonic, insn[0].op_str, d.len, (int)insn[0].size,
                               buf[0], buf[1], buf[2], buf[3]);
            }
            g_assert_cmpint(d.len, ==, insn[0].size);
        }
        cs_free(insn, n);
    }
    cs_close(&h);
    g_assert_cmpint(compared, >, 10000);
}

static void test_lengths_match_capstone_32(void)
{
    check_random_against_capstone(true);
}

static void test_lengths_match_capstone_16(void)
{
    check_random_against_capstone(false);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i386/decode/lengths", test_lengths);
    g_test_add_func("/i386/decode/modrm_sib_fields", test_modrm_fields);
    g_test_add_func("/i386/decode/ebp_base_defaults_to_ss", test_ebp_base_defaults_to_ss);
    g_test_add_func("/i386/decode/bp_forms_default_to_ss_16", test_bp_forms_default_to_ss_16);
    g_test_add_func("/i386/decode/sixteen_bytes_is_too_long", test_sixteen_prefixes_exceed_limit);
    g_test_add_func("/i386/decode/fifteen_bytes_allowed", test_fifteen_bytes_allowed);
    g_test_add_func("/i386/decode/lengths_match_capstone_32", test_lengths_match_capstone_32);
    g_test_add_func("/i386/decode/lengths_match_capstone_16", test_lengths_match_capstone_16);
    return g_test_run();
}
