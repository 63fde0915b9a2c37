/*
 * MMX, SSE and SSE2 in the translator (issue 4).  Included by translate.c
 * (it uses DisasContext and the gen_* basics); not compiled on its own.
 *
 * Every 0F-map MMX/SSE/SSE2 row of insn-table.h names gen_sse, as do
 * EMMS, MOVNTI and the memory forms 0..3 of group 15 (FXSAVE, FXRSTOR,
 * LDMXCSR, STMXCSR).  gen_sse passes the opcode, the mandatory-prefix class,
 * ModRM, imm8 and the memory operand's address to helper_sse
 * (sse_helper.c), which knows each instruction's operands and runs it on
 * the host's SSE unit.
 */
#include "target/i386/sse.h"

/* F2 and F3 select the instruction over 66 (SDM vol. 2A, 2.1.2) */
static int sse_prefix(X86DecodedInsn *d)
{
    if (d->prefix & PREFIX_REPNZ) {
        return SSE_PFX_F2;
    }
    if (d->prefix & PREFIX_REPZ) {
        return SSE_PFX_F3;
    }
    return d->prefix & PREFIX_DATA ? SSE_PFX_66 : SSE_PFX_NONE;
}

/*
 * Fast path, when the TB's hflags say CR0.EM and CR0.TS are clear and
 * CR4.OSFXSR is set (always in user mode: a Linux process runs so), so
 * only CPUID decides at translation time whether an instruction exists.
 * The 128-bit moves, MOVD/MOVQ, the bitwise operations, PCMPEQB and
 * PMOVMSKB (what glibc's SSE2 string functions run most) become 64-bit IR
 * loads, stores and logic; the other xmm integer operations call
 * helper_sse_xmm_int, which cannot fault, with the source already loaded;
 * the common MMX integer operations run inline too (gen_mmx_fast).
 * Floating point stays with helper_sse (MXCSR, #XM).
 */
static bool sse_fast_allowed(DisasContext *s)
{
#ifdef CONFIG_USER_ONLY
    return true;
#else
    return (s->flags & HF_OSFXSR_MASK) && !(s->flags & (HF_EM_MASK | HF_TS_MASK));
#endif
}

static intptr_t xmm_off(int reg, int half)
{
    return offsetof(CPUX86State, xmm_regs) + (intptr_t)(reg * 16 + half * 8);
}

/* The address of the memory operand in a TB temp (it lives across the
 * label): a misaligned operand of an aligned form goes to helper_sse,
 * which raises #GP.  The caller frees the temp. */
static TCGv_i32 gen_sse_addr(DisasContext *s, X86DecodedInsn *d, bool align, uint32_t code)
{
    TCGv_i32 a = tcg_temp_new_i32();

    tcg_gen_mov_i32(a, gen_ea(s, d));
    if (align) {
        TCGLabel *ok = gen_new_label();
        TCGv_i32 t = tmp_i32();
        tcg_gen_andi_i32(t, a, 15);
        tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ok);
        gen_helper_sse(t, tcg_env, tcg_constant_i32(code), a);   /* #GP */
        gen_set_label(ok);
    }
    return a;
}

/* The xmm/m128 (or m64 with only_lo) source operand into lo/hi */
static void gen_sse_src(DisasContext *s, X86DecodedInsn *d, bool align, uint32_t code,
                        TCGv_i64 lo, TCGv_i64 hi, bool only_lo)
{
    if (d->mod == 3) {
        tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->rm, 0));
        tcg_gen_ld_i64(hi, tcg_env, xmm_off(d->rm, 1));
        return;
    }
    TCGv_i32 a = gen_sse_addr(s, d, align, code);
    tcg_gen_qemu_ld_i64(lo, a, s->mem_index, MO_LEUQ);
    if (only_lo) {
        tcg_gen_movi_i64(hi, 0);
    } else {
        TCGv_i32 a8 = tmp_i32();
        tcg_gen_addi_i32(a8, a, 8);
        tcg_gen_qemu_ld_i64(hi, a8, s->mem_index, MO_LEUQ);
    }
    tcg_temp_free_i32(a);
}

/* The 16-byte store of xmm ModRM.reg to a (in one page) */
static void gen_sse_store128(DisasContext *s, X86DecodedInsn *d, TCGv_i32 a)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64();
    TCGv_i32 a8 = tmp_i32();

    tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->reg, 0));
    tcg_gen_ld_i64(hi, tcg_env, xmm_off(d->reg, 1));
    tcg_gen_addi_i32(a8, a, 8);
    tcg_gen_qemu_st_i64(lo, a, s->mem_index, MO_LEUQ);
    tcg_gen_qemu_st_i64(hi, a8, s->mem_index, MO_LEUQ);
}

/* MOVUPS/MOVAPS/MOVDQA/MOVDQU/MOVNT*: load (xmm <- xmm/m128) or store
 * (xmm/m128 <- xmm).  An unaligned store that crosses a page goes to
 * helper_sse, which faults before writing anything, on the first
 * inaccessible byte. */
static void gen_sse_mov128(DisasContext *s, X86DecodedInsn *d, bool load, bool align,
                           uint32_t code)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64();

    if (load) {
        gen_sse_src(s, d, align, code, lo, hi, false);
        tcg_gen_st_i64(lo, tcg_env, xmm_off(d->reg, 0));
        tcg_gen_st_i64(hi, tcg_env, xmm_off(d->reg, 1));
        return;
    }
    if (d->mod == 3) {
        tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->reg, 0));
        tcg_gen_ld_i64(hi, tcg_env, xmm_off(d->reg, 1));
        tcg_gen_st_i64(lo, tcg_env, xmm_off(d->rm, 0));
        tcg_gen_st_i64(hi, tcg_env, xmm_off(d->rm, 1));
    } else {
        /* the labels come first: EBB temps after them */
        TCGv_i32 a = gen_sse_addr(s, d, align, code);
        if (!align) {
            TCGLabel *fast = gen_new_label(), *done = gen_new_label();
            TCGv_i32 t = tmp_i32();
            tcg_gen_andi_i32(t, a, 0xfff);
            tcg_gen_brcondi_i32(TCG_COND_LEU, t, 0xff0, fast);
            gen_helper_sse(t, tcg_env, tcg_constant_i32(code), a);
            tcg_gen_br(done);
            gen_set_label(fast);
            gen_sse_store128(s, d, a);
            gen_set_label(done);
            tcg_temp_free_i32(a);
            return;
        }
        gen_sse_store128(s, d, a);   /* aligned: within one page */
        tcg_temp_free_i32(a);
    }
}

/* ANDPS/ANDNPS/ORPS/XORPS (and the PD forms), PAND/PANDN/POR/PXOR */
static void gen_sse_logic(DisasContext *s, X86DecodedInsn *d, int kind, uint32_t code)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64(), dlo = tmp_i64(), dhi = tmp_i64();

    gen_sse_src(s, d, true, code, lo, hi, false);
    tcg_gen_ld_i64(dlo, tcg_env, xmm_off(d->reg, 0));
    tcg_gen_ld_i64(dhi, tcg_env, xmm_off(d->reg, 1));
    switch (kind) {
    case 0:
        tcg_gen_and_i64(dlo, dlo, lo);
        tcg_gen_and_i64(dhi, dhi, hi);
        break;
    case 1:
        tcg_gen_andc_i64(dlo, lo, dlo);
        tcg_gen_andc_i64(dhi, hi, dhi);
        break;
    case 2:
        tcg_gen_or_i64(dlo, dlo, lo);
        tcg_gen_or_i64(dhi, dhi, hi);
        break;
    default:
        tcg_gen_xor_i64(dlo, dlo, lo);
        tcg_gen_xor_i64(dhi, dhi, hi);
        break;
    }
    tcg_gen_st_i64(dlo, tcg_env, xmm_off(d->reg, 0));
    tcg_gen_st_i64(dhi, tcg_env, xmm_off(d->reg, 1));
}

/* PCMPEQB on one quadword: 0xff in every byte where a and b agree.  A
 * byte of x = a ^ b is zero iff neither its low seven bits (carry into
 * bit 7 after adding 0x7f) nor bit 7 is set; 0x80 - 0x01 = 0x7f then widens
 * each 0x80 to 0xff without borrowing from the next byte. */
static void gen_pcmpeqb_i64(TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 t = tmp_i64(), u = tmp_i64();

    tcg_gen_xor_i64(a, a, b);
    tcg_gen_andi_i64(t, a, 0x7f7f7f7f7f7f7f7fll);
    tcg_gen_addi_i64(t, t, 0x7f7f7f7f7f7f7f7fll);
    tcg_gen_or_i64(t, t, a);
    tcg_gen_not_i64(t, t);
    tcg_gen_andi_i64(t, t, (int64_t)0x8080808080808080ull);
    tcg_gen_shri_i64(u, t, 7);
    tcg_gen_sub_i64(u, t, u);
    tcg_gen_or_i64(a, t, u);
}

/* 66 0F 74 PCMPEQB xmm, xmm/m128 */
static void gen_sse_pcmpeqb(DisasContext *s, X86DecodedInsn *d, uint32_t code)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64(), dlo = tmp_i64(), dhi = tmp_i64();

    gen_sse_src(s, d, true, code, lo, hi, false);
    tcg_gen_ld_i64(dlo, tcg_env, xmm_off(d->reg, 0));
    tcg_gen_ld_i64(dhi, tcg_env, xmm_off(d->reg, 1));
    gen_pcmpeqb_i64(dlo, lo);
    gen_pcmpeqb_i64(dhi, hi);
    tcg_gen_st_i64(dlo, tcg_env, xmm_off(d->reg, 0));
    tcg_gen_st_i64(dhi, tcg_env, xmm_off(d->reg, 1));
}

/* 66 0F D7 PMOVMSKB r32, xmm: bit 7 of byte i lands in bit 56 + i of
 * (v & 0x80..80) * 0x0002040810204081 (the partial products never overlap,
 * so nothing carries). */
static void gen_sse_pmovmskb(DisasContext *s, X86DecodedInsn *d)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64();
    TCGv_i32 r = tmp_i32(), h = tmp_i32();

    tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->rm, 0));
    tcg_gen_ld_i64(hi, tcg_env, xmm_off(d->rm, 1));
    tcg_gen_andi_i64(lo, lo, (int64_t)0x8080808080808080ull);
    tcg_gen_andi_i64(hi, hi, (int64_t)0x8080808080808080ull);
    tcg_gen_muli_i64(lo, lo, 0x0002040810204081ll);
    tcg_gen_muli_i64(hi, hi, 0x0002040810204081ll);
    tcg_gen_shri_i64(lo, lo, 56);
    tcg_gen_shri_i64(hi, hi, 48);
    tcg_gen_extrl_i64_i32(r, lo);
    tcg_gen_extrl_i64_i32(h, hi);
    tcg_gen_andi_i32(h, h, 0xff00);
    tcg_gen_or_i32(cpu_regs[d->reg], r, h);
}

/* 66 0F 6E MOVD xmm, r/m32; 66 0F 7E MOVD r/m32, xmm; F3 0F 7E MOVQ xmm,
 * xmm/m64; 66 0F D6 MOVQ xmm/m64, xmm */
static void gen_sse_movd_movq(DisasContext *s, X86DecodedInsn *d, int pfx)
{
    TCGv_i64 lo = tmp_i64(), hi = tmp_i64();
    TCGv_i32 v = tmp_i32();

    if (d->op == 0x6e) {
        gen_ld_E(s, d, MO_32, v);
        tcg_gen_extu_i32_i64(lo, v);
        tcg_gen_st_i64(lo, tcg_env, xmm_off(d->reg, 0));
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->reg, 1));
    } else if (d->op == 0x7e && pfx == SSE_PFX_66) {
        tcg_gen_ld_i32(v, tcg_env, xmm_off(d->reg, 0));
        gen_st_E(s, d, MO_32, v);
    } else if (d->op == 0x7e) {
        gen_sse_src(s, d, false, 0, lo, hi, true);
        tcg_gen_st_i64(lo, tcg_env, xmm_off(d->reg, 0));
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->reg, 1));
    } else {
        tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->reg, 0));
        if (d->mod == 3) {
            tcg_gen_st_i64(lo, tcg_env, xmm_off(d->rm, 0));
            tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->rm, 1));
        } else {
            tcg_gen_qemu_st_i64(lo, gen_ea(s, d), s->mem_index, MO_LEUQ);
        }
    }
}

/*
 * MMX fast path.  MMX register i is physical x87 register i, in the FNSAVE
 * image at slot (i - TOP) & 7.  Generated code checks at run time that
 * TOP is 0, no x87 exception is pending and no register is empty -- the
 * steady state of MMX code, where mm i is slot i and an MMX write only
 * sets its register's exponent to all ones and its tag to special -- and
 * otherwise first calls helper_mmx_prepare, which raises the pending #MF
 * or makes the transition every MMX instruction makes (TOP = 0, all
 * registers valid; sse_helper.c, mmx_commit).  Within a TB the check is
 * made once for a run of inline MMX instructions with no x87 instruction,
 * EMMS or FXRSTOR between them (mmx_chain_holds), and a register's
 * exponent and tag are set at its first write in the run.  Inline: MOVQ,
 * MOVD, the bitwise ops, PADD/PSUB of bytes, words, doublewords and
 * quadwords, PMULUDQ and the quadword shifts (what OpenSSL's MMX SHA-512
 * and SSE2 Montgomery multiplication run).
 */
static intptr_t mmx_off(int reg)
{
    return offsetof(CPUX86State, fpu_image) + 28 + 10 * reg;
}

#define FPU_SW_OFF (offsetof(CPUX86State, fpu_image) + 4)
#define FPU_TW_OFF (offsetof(CPUX86State, fpu_image) + 8)

/* Unless TOP = 0, nothing is pending and no register is empty,
 * helper_mmx_prepare raises the pending #MF or makes it so (the state
 * change every MMX instruction makes anyway). */
static void gen_mmx_prepare(void)
{
    TCGv_i32 sw = tmp_i32(), tw = tmp_i32(), cw = tmp_i32(), t = tmp_i32(), u = tmp_i32();
    TCGLabel *ready = gen_new_label();

    tcg_gen_ld16u_i32(sw, tcg_env, FPU_SW_OFF);
    tcg_gen_ld16u_i32(tw, tcg_env, FPU_TW_OFF);
    tcg_gen_ld16u_i32(cw, tcg_env, offsetof(CPUX86State, fpuc));
    tcg_gen_andc_i32(t, sw, cw);
    tcg_gen_andi_i32(t, t, 0x3f);           /* unmasked exception flags */
    tcg_gen_andi_i32(u, sw, 0x3880);        /* TOP, ES */
    tcg_gen_or_i32(t, t, u);
    tcg_gen_shri_i32(u, tw, 1);
    tcg_gen_and_i32(u, u, tw);
    tcg_gen_andi_i32(u, u, 0x5555);         /* a tag 11: empty */
    tcg_gen_or_i32(t, t, u);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ready);
    gen_helper_mmx_prepare(tcg_env);
    gen_set_label(ready);
}

static uint8_t sse_fetch_code(void *opaque, uint32_t pc)
{
    DisasContext *s = opaque;
    return translator_ldub(s->env, &s->base, pc);
}

/* Whether the state the last inline MMX instruction of this TB left is
 * still there at pc: no instruction between can change the x87 state (x87
 * escapes D8..DF, EMMS, group 15 with FXRSTOR); an exception or signal
 * would have left the TB. */
static bool mmx_chain_holds(DisasContext *s, uint32_t pc)
{
    uint32_t p = s->mmx_chain_pc;
    X86DecodedInsn d;

    if (!p) {
        return false;
    }
    while (p < pc) {
        if (x86_decode(&d, p, s->code32, sse_fetch_code, s) != X86_DECODE_OK ||
            (d.map == 0 && d.op >= 0xd8 && d.op <= 0xdf) ||
            (d.map == 1 && (d.op == 0x77 || d.op == 0xae))) {
            return false;
        }
        p += d.len;
    }
    return p == pc;
}

/* mm reg = v, exponent all ones, tag special (once per chain) */
static void gen_mmx_write(DisasContext *s, int reg, TCGv_i64 v)
{
    TCGv_i32 tw = tmp_i32();

    tcg_gen_st_i64(v, tcg_env, mmx_off(reg));
    if (s->mmx_chain_written & (1 << reg)) {
        return;
    }
    s->mmx_chain_written |= (uint8_t)(1 << reg);
    tcg_gen_st16_i32(tcg_constant_i32(0xffff), tcg_env, mmx_off(reg) + 8);
    tcg_gen_ld16u_i32(tw, tcg_env, FPU_TW_OFF);
    tcg_gen_andi_i32(tw, tw, ~(3 << (2 * reg)));
    tcg_gen_ori_i32(tw, tw, 2 << (2 * reg));
    tcg_gen_st16_i32(tw, tcg_env, FPU_TW_OFF);
}

/* Lane-wise add/sub without carries between lanes; h: the lanes' top bits */
static void gen_swar_add(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, uint64_t h, bool sub)
{
    TCGv_i64 t = tmp_i64(), u = tmp_i64();

    if (!sub) {
        /* ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h) */
        tcg_gen_andi_i64(t, a, (int64_t)~h);
        tcg_gen_andi_i64(u, b, (int64_t)~h);
        tcg_gen_add_i64(t, t, u);
        tcg_gen_xor_i64(u, a, b);
    } else {
        /* ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h) */
        tcg_gen_ori_i64(t, a, (int64_t)h);
        tcg_gen_andi_i64(u, b, (int64_t)~h);
        tcg_gen_sub_i64(t, t, u);
        tcg_gen_xor_i64(u, a, b);
        tcg_gen_not_i64(u, u);
    }
    tcg_gen_andi_i64(u, u, (int64_t)h);
    tcg_gen_xor_i64(r, t, u);
}

/* PSRLQ/PSLLQ by a 64-bit count: counts above 63 clear */
static void gen_shift_q(TCGv_i64 r, TCGv_i64 a, TCGv_i64 count, bool left)
{
    TCGv_i64 n = tmp_i64();

    tcg_gen_andi_i64(n, count, 63);
    if (left) {
        tcg_gen_shl_i64(n, a, n);
    } else {
        tcg_gen_shr_i64(n, a, n);
    }
    tcg_gen_movcond_i64(TCG_COND_GTU, r, count, tcg_constant_i64(63), tcg_constant_i64(0), n);
}

enum { MMX_NONE, MMX_MOVQ_LD, MMX_MOVQ_ST, MMX_MOVD_TO, MMX_MOVD_FROM, MMX_BINOP, MMX_SHIFT_IMM };

static int mmx_fast_kind(X86DecodedInsn *d, uint32_t features)
{
    switch (d->op) {
    case 0x6f: return MMX_MOVQ_LD;
    case 0x7f: return MMX_MOVQ_ST;
    case 0x6e: return MMX_MOVD_TO;
    case 0x7e: return MMX_MOVD_FROM;
    case 0xdb: case 0xdf: case 0xeb: case 0xef:         /* PAND PANDN POR PXOR */
    case 0xfc: case 0xfd: case 0xfe:                    /* PADDB/W/D */
    case 0xf8: case 0xf9: case 0xfa:                    /* PSUBB/W/D */
    case 0xd3: case 0xf3:                               /* PSRLQ PSLLQ */
        return MMX_BINOP;
    case 0xd4: case 0xfb: case 0xf4:                    /* PADDQ PSUBQ PMULUDQ: SSE2 */
        return features & CPUID_SSE2 ? MMX_BINOP : MMX_NONE;
    case 0x73:                                          /* PSRLQ/PSLLQ imm */
        return d->mod == 3 && (d->reg == 2 || d->reg == 6) ? MMX_SHIFT_IMM : MMX_NONE;
    }
    return MMX_NONE;
}

static bool gen_mmx_fast(DisasContext *s, X86DecodedInsn *d)
{
    int kind = mmx_fast_kind(d, s->features);
    TCGv_i32 addr = NULL;

    if (kind == MMX_NONE || !(s->features & CPUID_MMX) || !sse_fast_allowed(s)) {
        return false;
    }
    if (!mmx_chain_holds(s, d->pc)) {
        gen_mmx_prepare();
        s->mmx_chain_written = 0;
    }
    s->mmx_chain_pc = d->pc + d->len;
    /* after the label: every temp from here on */
    TCGv_i64 a = tmp_i64(), b = tmp_i64();
    TCGv_i32 v = tmp_i32();
    if (d->mod != 3) {
        addr = gen_ea(s, d);
    }
    switch (kind) {
    case MMX_MOVQ_LD:
        if (addr) {
            tcg_gen_qemu_ld_i64(b, addr, s->mem_index, MO_LEUQ);
        } else {
            tcg_gen_ld_i64(b, tcg_env, mmx_off(d->rm));
        }
        gen_mmx_write(s, d->reg, b);
        break;
    case MMX_MOVQ_ST:
        tcg_gen_ld_i64(a, tcg_env, mmx_off(d->reg));
        if (addr) {
            tcg_gen_qemu_st_i64(a, addr, s->mem_index, MO_LEUQ);
        } else {
            gen_mmx_write(s, d->rm, a);
        }
        break;
    case MMX_MOVD_TO:
        if (addr) {
            tcg_gen_qemu_ld_i32(v, addr, s->mem_index, MO_LEUL);
        } else {
            tcg_gen_mov_i32(v, cpu_regs[d->rm]);
        }
        tcg_gen_extu_i32_i64(b, v);
        gen_mmx_write(s, d->reg, b);
        break;
    case MMX_MOVD_FROM:
        tcg_gen_ld_i32(v, tcg_env, mmx_off(d->reg));
        if (addr) {
            tcg_gen_qemu_st_i32(v, addr, s->mem_index, MO_LEUL);
        } else {
            tcg_gen_mov_i32(cpu_regs[d->rm], v);
        }
        break;
    case MMX_SHIFT_IMM:
        tcg_gen_ld_i64(a, tcg_env, mmx_off(d->rm));
        gen_shift_q(a, a, tcg_constant_i64(d->imm & 0xff), d->reg == 6);
        gen_mmx_write(s, d->rm, a);
        break;
    default:
        tcg_gen_ld_i64(a, tcg_env, mmx_off(d->reg));
        if (addr) {
            tcg_gen_qemu_ld_i64(b, addr, s->mem_index, MO_LEUQ);
        } else {
            tcg_gen_ld_i64(b, tcg_env, mmx_off(d->rm));
        }
        switch (d->op) {
        case 0xdb: tcg_gen_and_i64(a, a, b); break;
        case 0xdf: tcg_gen_andc_i64(a, b, a); break;
        case 0xeb: tcg_gen_or_i64(a, a, b); break;
        case 0xef: tcg_gen_xor_i64(a, a, b); break;
        case 0xd4: tcg_gen_add_i64(a, a, b); break;
        case 0xfb: tcg_gen_sub_i64(a, a, b); break;
        case 0xf4:                                      /* low dwords, 64-bit product */
            tcg_gen_ext32u_i64(a, a);
            tcg_gen_ext32u_i64(b, b);
            tcg_gen_mul_i64(a, a, b);
            break;
        case 0xfc: gen_swar_add(a, a, b, 0x8080808080808080ull, false); break;
        case 0xfd: gen_swar_add(a, a, b, 0x8000800080008000ull, false); break;
        case 0xfe: gen_swar_add(a, a, b, 0x8000000080000000ull, false); break;
        case 0xf8: gen_swar_add(a, a, b, 0x8080808080808080ull, true); break;
        case 0xf9: gen_swar_add(a, a, b, 0x8000800080008000ull, true); break;
        case 0xfa: gen_swar_add(a, a, b, 0x8000000080000000ull, true); break;
        case 0xd3: gen_shift_q(a, a, b, false); break;
        default: gen_shift_q(a, a, b, true); break;     /* 0xf3 */
        }
        gen_mmx_write(s, d->reg, a);
        break;
    }
    return true;
}

/* Returns false when the instruction needs helper_sse. */
static bool gen_sse_fast(DisasContext *s, X86DecodedInsn *d, int pfx, uint32_t code)
{
    int op = d->op, form;

    if (pfx == SSE_PFX_NONE && gen_mmx_fast(s, d)) {
        return true;
    }
    if (!(s->features & CPUID_SSE2) || !sse_fast_allowed(s)) {
        return false;
    }
    switch (op) {
    case 0x10: case 0x11:       /* MOVUPS, MOVUPD */
        if (pfx > SSE_PFX_66) {
            return false;
        }
        gen_sse_mov128(s, d, op == 0x10, false, code);
        return true;
    case 0x28: case 0x29:       /* MOVAPS, MOVAPD */
        if (pfx > SSE_PFX_66) {
            return false;
        }
        gen_sse_mov128(s, d, op == 0x28, true, code);
        return true;
    case 0x6f: case 0x7f:       /* MOVDQA, MOVDQU */
        if (pfx != SSE_PFX_66 && pfx != SSE_PFX_F3) {
            return false;
        }
        gen_sse_mov128(s, d, op == 0x6f, pfx == SSE_PFX_66, code);
        return true;
    case 0x2b: case 0xe7:       /* MOVNTPS/PD, MOVNTDQ: memory only */
        if (d->mod == 3 || pfx > SSE_PFX_66 || (op == 0xe7 && pfx != SSE_PFX_66)) {
            return false;
        }
        gen_sse_mov128(s, d, false, true, code);
        return true;
    case 0x54: case 0x55: case 0x56: case 0x57:
        if (pfx > SSE_PFX_66) {
            return false;
        }
        gen_sse_logic(s, d, op - 0x54, code);
        return true;
    case 0xdb: case 0xdf: case 0xeb: case 0xef:
        if (pfx != SSE_PFX_66) {
            return false;
        }
        gen_sse_logic(s, d, op == 0xdb ? 0 : op == 0xdf ? 1 : op == 0xeb ? 2 : 3, code);
        return true;
    case 0x6e: case 0x7e: case 0xd6:
        if ((pfx != SSE_PFX_66 && !(op == 0x7e && pfx == SSE_PFX_F3)) ||
            (op == 0xd6 && pfx != SSE_PFX_66)) {
            return false;
        }
        gen_sse_movd_movq(s, d, pfx);
        return true;
    case 0x74:
        if (pfx != SSE_PFX_66) {
            return false;
        }
        gen_sse_pcmpeqb(s, d, code);
        return true;
    case 0xd7:
        if (pfx != SSE_PFX_66 || d->mod != 3) {
            return false;
        }
        gen_sse_pmovmskb(s, d);
        return true;
    }
    form = pfx == SSE_PFX_66 ? sse_fast_form(op) : 0;
    if ((form & SSE_FAST_XMM) || ((form & SSE_FAST_GPR) && d->mod == 3)) {
        TCGv_i64 lo = tmp_i64(), hi = tmp_i64();
        TCGv_i32 ret = tmp_i32();
        gen_sse_src(s, d, form & SSE_FAST_ALIGN, code, lo, hi, false);
        gen_helper_sse_xmm_int(ret, tcg_env,
                               tcg_constant_i32(op | d->reg << 8 | (d->imm & 0xff) << 16),
                               lo, hi);
        if (form & SSE_FAST_GPR) {
            tcg_gen_mov_i32(cpu_regs[d->reg], ret);
        }
        return true;
    }
    return false;
}

static void gen_sse(DisasContext *s, X86DecodedInsn *d)
{
    int pfx = sse_prefix(d), seg = R_DS;
    TCGv_i32 addr, ret = tmp_i32();

    if (d->op == 0xf7) {
        /* MASKMOVQ/MASKMOVDQU store to DS:(E)DI, DS overridable */
        seg = d->seg_override >= 0 ? d->seg_override : R_DS;
        addr = s->A0;
        if (d->addr32) {
            tcg_gen_mov_i32(addr, cpu_regs[R_EDI]);
        } else {
            tcg_gen_ext16u_i32(addr, cpu_regs[R_EDI]);
        }
        gen_add_seg_base(s, addr, seg);
    } else if (d->has_modrm && d->mod != 3) {
        addr = NULL;
        seg = ea_seg(d);
    } else {
        addr = tcg_constant_i32(0);
    }
    gen_update_cc_op(s);
    if (d->has_modrm && d->op != 0xae &&
        gen_sse_fast(s, d, pfx, SSE_CODE(d->op, pfx, d->modrm, d->imm, seg))) {
        return;
    }
    if (!addr) {
        addr = gen_ea(s, d);
    }
    gen_helper_sse(ret, tcg_env,
                   tcg_constant_i32(SSE_CODE(d->op, pfx, d->has_modrm ? d->modrm : 0, d->imm,
                                             seg)),
                   addr);
    if (d->op == 0x2e || d->op == 0x2f) {
        gen_set_eflags_result(s, ret);   /* (U)COMISS/(U)COMISD */
    }
}
