/*
 * The local APIC in xAPIC mode (Intel SDM vol. 3A, chapter 10 "Advanced
 * Programmable Interrupt Controller (APIC)"; section numbers below are
 * from that chapter, which editions since 2022 number 11).
 *
 * The model is a Pentium 4 / Xeon era integrated xAPIC: version 14h with
 * six LVT entries (timer, thermal, performance counter, LINT0, LINT1,
 * error), no TSC-deadline timer, no EOI-broadcast suppression, no x2APIC.
 * Interrupts are accepted into IRR and dispensed to the processor through
 * CPU_INTERRUPT_HARD and apic_get_interrupt() (the INTA cycle), following
 * the priority rules of 10.8.3.
 *
 * The register page appears in system memory at the APIC base as a
 * high-priority overlap region (a PC's processors claim these addresses
 * before the bus sees them).  Every processor sees its own APIC there: the
 * region dispatches to the APIC of the CPU making the access (current_cpu),
 * or the first APIC for accesses from outside a CPU (qtest).
 *
 * The timer counts at 1 GHz before the divider (one tick per nanosecond of
 * QEMU_CLOCK_VIRTUAL at divide-by-1), the bus clock QEMU's pc also reports,
 * so guests calibrate to the same numbers under both.
 */
#include <stdio.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/i386/apic.h"
#include "hw/intc/ioapic.h"
#include "hw/qdev-core.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

/* Version register (10.4.8): version 14h (Pentium 4 and Xeon), max LVT entry 5 (6 entries). */
#define APIC_VERSION       0x14
#define APIC_MAX_LVT_ENTRY 5
#define APIC_VERSION_REG   ((APIC_MAX_LVT_ENTRY << 16) | APIC_VERSION)

/* Register offsets, in units of 16 bytes (table 10-1). */
enum {
    APIC_REG_ID = 0x02,
    APIC_REG_VERSION = 0x03,
    APIC_REG_TPR = 0x08,
    APIC_REG_APR = 0x09,
    APIC_REG_PPR = 0x0a,
    APIC_REG_EOI = 0x0b,
    APIC_REG_RRD = 0x0c,
    APIC_REG_LDR = 0x0d,
    APIC_REG_DFR = 0x0e,
    APIC_REG_SVR = 0x0f,
    APIC_REG_ISR = 0x10,         /* 0x10..0x17 */
    APIC_REG_TMR = 0x18,         /* 0x18..0x1f */
    APIC_REG_IRR = 0x20,         /* 0x20..0x27 */
    APIC_REG_ESR = 0x28,
    APIC_REG_ICR_LO = 0x30,
    APIC_REG_ICR_HI = 0x31,
    APIC_REG_LVT = 0x32,         /* 0x32..0x37: timer, thermal, perf, LINT0, LINT1, error */
    APIC_REG_TIMER_ICR = 0x38,   /* initial count */
    APIC_REG_TIMER_CCR = 0x39,   /* current count */
    APIC_REG_TIMER_DCR = 0x3e,   /* divide configuration */
};

/* LVT entries in register order (figure 10-8). */
enum {
    APIC_LVT_TIMER,
    APIC_LVT_THERMAL,
    APIC_LVT_PERF,
    APIC_LVT_LINT0,
    APIC_LVT_LINT1,
    APIC_LVT_ERROR,
    APIC_LVT_NB
};

#define APIC_LVT_VECTOR        0x000000ffu
#define APIC_LVT_DM_SHIFT      8
#define APIC_LVT_DELIV_STS     (1u << 12)  /* always idle: we deliver at once */
#define APIC_LVT_POLARITY      (1u << 13)
#define APIC_LVT_REMOTE_IRR    (1u << 14)
#define APIC_LVT_LEVEL         (1u << 15)
#define APIC_LVT_MASKED        (1u << 16)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)

/* The bits software may write in each LVT entry (figure 10-8). */
static const uint32_t lvt_writable[APIC_LVT_NB] = {
    [APIC_LVT_TIMER] = APIC_LVT_VECTOR | APIC_LVT_MASKED | APIC_LVT_TIMER_PERIODIC,
    [APIC_LVT_THERMAL] = APIC_LVT_VECTOR | 0x700 | APIC_LVT_MASKED,
    [APIC_LVT_PERF] = APIC_LVT_VECTOR | 0x700 | APIC_LVT_MASKED,
    [APIC_LVT_LINT0] = APIC_LVT_VECTOR | 0x700 | APIC_LVT_POLARITY | APIC_LVT_LEVEL |
                       APIC_LVT_MASKED,
    [APIC_LVT_LINT1] = APIC_LVT_VECTOR | 0x700 | APIC_LVT_POLARITY | APIC_LVT_LEVEL |
                       APIC_LVT_MASKED,
    [APIC_LVT_ERROR] = APIC_LVT_VECTOR | APIC_LVT_MASKED,
};

/* SVR (10.9): spurious vector, APIC software enable.  Bit 9 (focus
 * checking) is reserved on the Pentium 4. */
#define APIC_SVR_VECTOR  0xffu
#define APIC_SVR_ENABLE  (1u << 8)

/* ESR bits (10.5.3); bits 0-3 exist only on the P6/Pentium APIC bus. */
#define APIC_ESR_SEND_ILLEGAL_VECTOR (1u << 5)
#define APIC_ESR_RECV_ILLEGAL_VECTOR (1u << 6)
#define APIC_ESR_ILLEGAL_REGISTER    (1u << 7)

/* ICR (10.6.1) */
#define APIC_ICR_DEST_MODE   (1u << 11)
#define APIC_ICR_DELIV_STS   (1u << 12)
#define APIC_ICR_LEVEL       (1u << 14)
#define APIC_ICR_TRIGGER     (1u << 15)
#define APIC_ICR_SHORTHAND_SHIFT 18
#define APIC_ICR_LO_WRITABLE 0x000ccfffu   /* vector, mode, dest mode, level, trigger, shorthand */

enum { SHORTHAND_NONE, SHORTHAND_SELF, SHORTHAND_ALL, SHORTHAND_OTHERS };

/* Arming the QEMU timer for periods shorter than this would keep the main
 * loop busy without the guest seeing any difference (IRR holds one request). */
#define APIC_TIMER_MIN_PERIOD_NS 10000

#define MAX_APICS 256

typedef struct APICState {
    DeviceState parent_obj;
    X86CPU *cpu;                 /* NULL: no processor behind it (qtest) */
    int index;

    uint64_t apicbase;           /* IA32_APIC_BASE */
    uint8_t id;
    uint8_t tpr;
    uint32_t ldr;
    uint32_t dfr;
    uint32_t svr;
    uint32_t esr;                /* as read: latched by the last ESR write */
    uint32_t esr_pending;        /* errors since that write */
    uint32_t isr[8], tmr[8], irr[8];
    uint32_t lvt[APIC_LVT_NB];
    uint32_t icr[2];
    uint32_t divide_conf;
    int count_shift;             /* log2 of the divider */
    uint32_t initial_count;
    int64_t initial_count_load_time; /* virtual ns when counting started */
    QEMUTimer *timer;

    int pic_level;               /* the 8259's INT as last driven (LINT0 input) */
    int sipi_vector;
} APICState;

static APICState *apics[MAX_APICS];
static int nb_apics;
static MemoryRegion apic_mmio;

/* ---- 256-bit registers ---- */

static void set_bit256(uint32_t *reg, int vector)
{
    reg[vector >> 5] |= 1u << (vector & 31);
}

static void clear_bit256(uint32_t *reg, int vector)
{
    reg[vector >> 5] &= ~(1u << (vector & 31));
}

static bool test_bit256(const uint32_t *reg, int vector)
{
    return reg[vector >> 5] & (1u << (vector & 31));
}

/* The highest vector set in @reg, or -1. */
static int highest_bit256(const uint32_t *reg)
{
    for (int i = 7; i >= 0; i--) {
        if (reg[i]) {
            return i * 32 + 31 - __builtin_clz(reg[i]);
        }
    }
    return -1;
}

/* ---- Priorities (10.8.3.1) ---- */

/* PPR: the TPR, or the class of the highest vector in service if that is higher. */
static uint8_t apic_ppr(APICState *s)
{
    int isrv = highest_bit256(s->isr);
    uint8_t isr_class = isrv < 0 ? 0 : (isrv & 0xf0);

    return (s->tpr & 0xf0) >= isr_class ? s->tpr : isr_class;
}

/* APR (10.6.2.4): the arbitration priority for lowest-priority delivery. */
static uint8_t apic_apr(APICState *s)
{
    int isrv = highest_bit256(s->isr), irrv = highest_bit256(s->irr);
    uint8_t isr_class = isrv < 0 ? 0 : (isrv & 0xf0);
    uint8_t irr_class = irrv < 0 ? 0 : (irrv & 0xf0);

    if ((s->tpr & 0xf0) >= irr_class && (s->tpr & 0xf0) > isr_class) {
        return s->tpr;
    }
    return MAX(s->tpr & 0xf0, MAX(isr_class, irr_class));
}

static bool apic_hw_enabled(APICState *s)
{
    return s->apicbase & MSR_IA32_APICBASE_ENABLE;
}

static bool apic_sw_enabled(APICState *s)
{
    return s->svr & APIC_SVR_ENABLE;
}

/* The vector the APIC would hand the processor now, or -1 (10.8.3.1:
 * its priority class must be above the processor priority class). */
static int apic_deliverable_vector(APICState *s)
{
    int irrv;

    if (!apic_hw_enabled(s) || !apic_sw_enabled(s)) {
        return -1;
    }
    irrv = highest_bit256(s->irr);
    if (irrv < 0 || (irrv & 0xf0) <= (apic_ppr(s) & 0xf0)) {
        return -1;
    }
    return irrv;
}

static bool apic_accepts_pic(APICState *s)
{
    uint32_t lvt0 = s->lvt[APIC_LVT_LINT0];

    if (!apic_hw_enabled(s)) {
        return true;             /* 10.4.3: as if there were no APIC */
    }
    return !(lvt0 & APIC_LVT_MASKED) && ((lvt0 >> APIC_LVT_DM_SHIFT) & 7) == APIC_DM_EXTINT;
}

/* Drives the processor's interrupt request from the APIC's state. */
static void apic_update_irq(APICState *s)
{
    CPUState *cs;
    bool pending;

    if (!s->cpu) {
        return;
    }
    cs = &s->cpu->parent_obj;
    pending = apic_deliverable_vector(s) >= 0 || (apic_accepts_pic(s) && s->pic_level);
    if (pending && !(cs->interrupt_request & CPU_INTERRUPT_HARD)) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    } else if (!pending && (cs->interrupt_request & CPU_INTERRUPT_HARD)) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    }
}

static void apic_raise_cpu(APICState *s, uint32_t mask)
{
    if (s->cpu) {
        cpu_interrupt(&s->cpu->parent_obj, mask);
    }
}

static void apic_local_deliver(APICState *s, int lvt_index);

/* An error (10.5.3): latched for the next ESR write, signalled through the error LVT. */
static void apic_error(APICState *s, uint32_t esr_bit)
{
    bool new_error = !(s->esr_pending & esr_bit);

    s->esr_pending |= esr_bit;
    if (new_error) {
        apic_local_deliver(s, APIC_LVT_ERROR);
    }
}

/* A fixed or lowest-priority interrupt accepted by this APIC. */
static void apic_set_irq(APICState *s, int vector, int trigger)
{
    if (vector < 16) {
        /* Vectors 0-15 are never accepted (10.5.2).  An error LVT with
         * such a vector ends here again, but the error is no longer new. */
        apic_error(s, APIC_ESR_RECV_ILLEGAL_VECTOR);
        return;
    }
    set_bit256(s->irr, vector);
    if (trigger == APIC_TRIGGER_LEVEL) {
        set_bit256(s->tmr, vector);
    } else {
        clear_bit256(s->tmr, vector);
    }
    apic_update_irq(s);
}

/* Hands a message of @delivery_mode to this APIC's processor. */
static void apic_accept(APICState *s, int delivery_mode, int vector, int trigger)
{
    switch (delivery_mode) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWPRI:
        apic_set_irq(s, vector, trigger);
        break;
    case APIC_DM_SMI:
        apic_raise_cpu(s, CPU_INTERRUPT_SMI);
        break;
    case APIC_DM_NMI:
        apic_raise_cpu(s, CPU_INTERRUPT_NMI);
        break;
    case APIC_DM_INIT:
        apic_raise_cpu(s, CPU_INTERRUPT_INIT);
        break;
    case APIC_DM_SIPI:
        s->sipi_vector = vector;
        apic_raise_cpu(s, CPU_INTERRUPT_SIPI);
        break;
    case APIC_DM_EXTINT:
        /* The processor would run an INTA cycle to the 8259: the PIC path does that. */
        qemu_log_mask(LOG_UNIMP, "apic: ExtINT message delivery\n");
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "apic: reserved delivery mode %d\n", delivery_mode);
        break;
    }
}

/* An LVT entry fires (timer, error, thermal, perf, LINT1; LINT0 see apic_deliver_pic_intr). */
static void apic_local_deliver(APICState *s, int lvt_index)
{
    uint32_t lvt = s->lvt[lvt_index];
    int mode = (lvt >> APIC_LVT_DM_SHIFT) & 7;
    int trigger = APIC_TRIGGER_EDGE;

    if (lvt & APIC_LVT_MASKED) {
        return;
    }
    if (lvt_index == APIC_LVT_TIMER || lvt_index == APIC_LVT_ERROR) {
        mode = APIC_DM_FIXED;    /* these entries have no delivery-mode field */
    }
    if ((lvt_index == APIC_LVT_LINT0 || lvt_index == APIC_LVT_LINT1) && (lvt & APIC_LVT_LEVEL)) {
        trigger = APIC_TRIGGER_LEVEL;
    }
    if (mode == APIC_DM_EXTINT) {
        apic_update_irq(s);      /* INTR follows the 8259 */
        return;
    }
    apic_accept(s, mode, lvt & APIC_LVT_VECTOR, trigger);
}

/* ---- Destinations (10.6.2) ---- */

static bool apic_matches_logical(APICState *s, uint8_t dest)
{
    uint8_t ldr = s->ldr >> 24;

    if (dest == 0xff) {
        return true;
    }
    if ((s->dfr >> 28) == 0xf) {
        return ldr & dest;                        /* flat model */
    }
    /* cluster model: bits 7:4 select the cluster, 3:0 the members */
    return ((dest >> 4) == (ldr >> 4) || (dest >> 4) == 0xf) && (dest & ldr & 0x0f);
}

static bool apic_matches(APICState *s, uint8_t dest, uint8_t dest_mode)
{
    if (!apic_hw_enabled(s)) {
        return false;            /* a disabled APIC takes no messages */
    }
    if (dest_mode == APIC_DESTMODE_PHYSICAL) {
        return dest == 0xff || dest == s->id;
    }
    return apic_matches_logical(s, dest);
}

/*
 * Delivers to each APIC in @targets (a mask over apics[]); lowest-priority
 * messages go to the one with the lowest arbitration priority, preferring a
 * focus processor that already has the vector pending or in service (10.6.2.4).
 */
static void apic_deliver_to_set(const bool *targets, uint8_t delivery_mode, uint8_t vector,
                                uint8_t trigger)
{
    if (delivery_mode == APIC_DM_LOWPRI) {
        APICState *best = NULL;
        for (int i = 0; i < nb_apics; i++) {
            APICState *s = apics[i];
            if (!targets[i]) {
                continue;
            }
            if (test_bit256(s->isr, vector) || test_bit256(s->irr, vector)) {
                best = s;
                break;
            }
            if (!best || apic_apr(s) < apic_apr(best)) {
                best = s;
            }
        }
        if (best) {
            apic_accept(best, APIC_DM_FIXED, vector, trigger);
        }
        return;
    }
    for (int i = 0; i < nb_apics; i++) {
        if (targets[i]) {
            apic_accept(apics[i], delivery_mode, vector, trigger);
        }
    }
}

void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode, uint8_t vector,
                      uint8_t trigger)
{
    bool targets[MAX_APICS] = { false };

    for (int i = 0; i < nb_apics; i++) {
        targets[i] = apic_matches(apics[i], dest, dest_mode);
    }
    apic_deliver_to_set(targets, delivery_mode, vector, trigger);
}

/* A write to ICR low sends an IPI (10.6.1). */
static void apic_send_ipi(APICState *s)
{
    uint32_t lo = s->icr[0];
    uint8_t dest = s->icr[1] >> 24;
    uint8_t dest_mode = (lo & APIC_ICR_DEST_MODE) ? APIC_DESTMODE_LOGICAL : APIC_DESTMODE_PHYSICAL;
    uint8_t mode = (lo >> 8) & 7;
    uint8_t vector = lo & 0xff;
    uint8_t trigger = (lo & APIC_ICR_TRIGGER) ? APIC_TRIGGER_LEVEL : APIC_TRIGGER_EDGE;
    int shorthand = (lo >> APIC_ICR_SHORTHAND_SHIFT) & 3;
    bool targets[MAX_APICS] = { false };

    if (mode == APIC_DM_INIT && trigger == APIC_TRIGGER_LEVEL && !(lo & APIC_ICR_LEVEL)) {
        /* INIT level de-assert: only re-synchronises arbitration IDs. */
        return;
    }
    if ((mode == APIC_DM_FIXED || mode == APIC_DM_LOWPRI) && vector < 16) {
        apic_error(s, APIC_ESR_SEND_ILLEGAL_VECTOR);
        return;
    }
    for (int i = 0; i < nb_apics; i++) {
        APICState *t = apics[i];
        switch (shorthand) {
        case SHORTHAND_NONE:
            targets[i] = apic_matches(t, dest, dest_mode);
            break;
        case SHORTHAND_SELF:
            targets[i] = t == s;
            break;
        case SHORTHAND_ALL:
            targets[i] = apic_hw_enabled(t);
            break;
        case SHORTHAND_OTHERS:
            targets[i] = t != s && apic_hw_enabled(t);
            break;
        }
    }
    /* Targets that do not exist simply receive nothing: with one processor,
     * the INIT-SIPI-SIPI a BIOS broadcasts to count the others goes nowhere. */
    apic_deliver_to_set(targets, mode, vector, trigger);
}

/* EOI (10.8.5): retires the highest vector in service. */
static void apic_eoi(APICState *s)
{
    int isrv = highest_bit256(s->isr);

    if (isrv < 0) {
        return;
    }
    clear_bit256(s->isr, isrv);
    if (test_bit256(s->tmr, isrv)) {
        /* Level-triggered: the I/O APIC may send the next one. */
        ioapic_eoi_broadcast(isrv);
    }
    apic_update_irq(s);
}

/* ---- Timer (10.5.4) ---- */

static int64_t apic_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static bool apic_timer_periodic(APICState *s)
{
    return s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC;
}

static uint32_t apic_current_count(APICState *s, int64_t now)
{
    uint64_t elapsed;

    if (!s->initial_count) {
        return 0;
    }
    elapsed = (uint64_t)(now - s->initial_count_load_time) >> s->count_shift;
    if (apic_timer_periodic(s)) {
        return s->initial_count - elapsed % s->initial_count;
    }
    return elapsed >= s->initial_count ? 0 : s->initial_count - elapsed;
}

/* Arms the QEMU timer for the next time the count reaches zero after @now. */
static void apic_timer_rearm(APICState *s, int64_t now)
{
    int64_t period, next;

    if (!s->initial_count) {
        timer_del(s->timer);
        return;
    }
    period = (int64_t)s->initial_count << s->count_shift;
    if (apic_timer_periodic(s)) {
        int64_t periods = (now - s->initial_count_load_time) / period + 1;
        next = s->initial_count_load_time + periods * period;
        if (period < APIC_TIMER_MIN_PERIOD_NS) {
            next = MAX(next, now + APIC_TIMER_MIN_PERIOD_NS);
        }
    } else {
        next = s->initial_count_load_time + period;
        if (next <= now) {
            timer_del(s->timer);  /* one-shot already expired */
            return;
        }
    }
    timer_mod_ns(s->timer, next);
}

static void apic_timer_expired(void *opaque)
{
    APICState *s = opaque;
    int64_t now = apic_now();

    apic_local_deliver(s, APIC_LVT_TIMER);
    if (apic_timer_periodic(s)) {
        apic_timer_rearm(s, now);
    }
}

/* Divide configuration (figure 10-10): bits 3, 1:0; 111b is divide by 1. */
static void apic_set_divide(APICState *s, uint32_t val, int64_t now)
{
    int code = ((val & 8) >> 1) | (val & 3);
    int shift = (code + 1) & 7;
    uint32_t count = apic_current_count(s, now);

    s->divide_conf = val & 0xb;
    if (shift == s->count_shift) {
        return;
    }
    s->count_shift = shift;
    if (s->initial_count) {
        /* Keep counting from the current value at the new rate. */
        s->initial_count_load_time = now - ((int64_t)(s->initial_count - count) << shift);
        apic_timer_rearm(s, now);
    }
}

/* ---- State ---- */

static void apic_clear_state(APICState *s)
{
    s->tpr = 0;
    s->ldr = 0;
    s->dfr = 0xffffffff;         /* flat model */
    s->svr = 0xff;               /* software disabled, spurious vector FFh */
    s->esr = 0;
    s->esr_pending = 0;
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    memset(s->irr, 0, sizeof(s->irr));
    for (int i = 0; i < APIC_LVT_NB; i++) {
        s->lvt[i] = APIC_LVT_MASKED;   /* 10.4.7.1: all LVT entries masked */
    }
    s->icr[0] = s->icr[1] = 0;
    s->divide_conf = 0;
    s->count_shift = 1;          /* DCR 0: divide by 2 */
    s->initial_count = 0;
    s->initial_count_load_time = 0;
    s->sipi_vector = 0;
    if (s->timer) {
        timer_del(s->timer);
    }
}

/* The MMIO page follows the first enabled APIC's base. */
static void apic_update_mmio(void)
{
    /* The CPU's copy of IA32_APIC_BASE follows (CPUID.01H:EDX.APIC reads it). */
    for (int i = 0; i < nb_apics; i++) {
        if (apics[i]->cpu) {
            apics[i]->cpu->env.apic_base_msr = apics[i]->apicbase;
        }
    }
    for (int i = 0; i < nb_apics; i++) {
        if (apic_hw_enabled(apics[i])) {
            memory_region_transaction_begin();
            memory_region_set_address(&apic_mmio, apics[i]->apicbase & MSR_IA32_APICBASE_BASE);
            memory_region_set_enabled(&apic_mmio, true);
            memory_region_transaction_commit();
            return;
        }
    }
    /* 10.4.3: with the APIC disabled its addresses reach the bus again. */
    memory_region_set_enabled(&apic_mmio, false);
}

void apic_reset(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    s->id = s->cpu ? s->cpu->parent_obj.cpu_index : s->index;
    s->apicbase = APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_ENABLE |
                  (s->index == 0 ? MSR_IA32_APICBASE_BSP : 0);
    apic_clear_state(s);
    if (nb_apics) {
        apic_update_mmio();
    }
    apic_update_irq(s);
}

void apic_init_reset(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    apic_clear_state(s);
    apic_update_irq(s);
}

uint64_t cpu_get_apic_base(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    return s ? s->apicbase : 0;
}

bool apic_base_valid(uint64_t val)
{
    return !(val & ~(MSR_IA32_APICBASE_BASE | MSR_IA32_APICBASE_ENABLE | MSR_IA32_APICBASE_BSP));
}

void cpu_set_apic_base(DeviceState *dev, uint64_t val)
{
    APICState *s = (APICState *)dev;
    bool was_enabled;
    /* WRMSR runs on the vCPU thread: this changes the memory map and device
     * state, which only the BQL holder may touch. */
    bool take_bql = !bql_locked();

    if (!s) {
        return;
    }
    if (take_bql) {
        bql_lock();
    }
    was_enabled = apic_hw_enabled(s);
    /* BSP is read-only: it is fixed at reset. */
    s->apicbase = (val & (MSR_IA32_APICBASE_BASE | MSR_IA32_APICBASE_ENABLE)) |
                  (s->apicbase & MSR_IA32_APICBASE_BSP);
    if (was_enabled && !apic_hw_enabled(s)) {
        /* 10.4.3: disabling loses the APIC's programming; re-enabling
         * (allowed since the Pentium 4) finds the power-up state. */
        apic_clear_state(s);
    }
    apic_update_mmio();
    apic_update_irq(s);
    if (take_bql) {
        bql_unlock();
    }
}

int apic_get_interrupt(DeviceState *dev)
{
    APICState *s = (APICState *)dev;
    int vector = apic_deliverable_vector(s);

    if (vector < 0) {
        return -1;
    }
    clear_bit256(s->irr, vector);
    set_bit256(s->isr, vector);
    apic_update_irq(s);
    return vector;
}

bool apic_accept_pic_intr(DeviceState *dev)
{
    return apic_accepts_pic((APICState *)dev);
}

void apic_deliver_pic_intr(DeviceState *dev, int level)
{
    APICState *s = (APICState *)dev;
    bool rising = level && !s->pic_level;
    uint32_t lvt0 = s->lvt[APIC_LVT_LINT0];
    int mode = (lvt0 >> APIC_LVT_DM_SHIFT) & 7;

    s->pic_level = level;
    if (!apic_hw_enabled(s) || (lvt0 & APIC_LVT_MASKED) || mode == APIC_DM_EXTINT) {
        apic_update_irq(s);
        return;
    }
    if (lvt0 & APIC_LVT_LEVEL && mode == APIC_DM_FIXED) {
        if (level) {
            apic_set_irq(s, lvt0 & APIC_LVT_VECTOR, APIC_TRIGGER_LEVEL);
        } else {
            clear_bit256(s->irr, lvt0 & APIC_LVT_VECTOR);
            apic_update_irq(s);
        }
    } else if (rising) {
        apic_local_deliver(s, APIC_LVT_LINT0);
    }
}

int apic_get_sipi_vector(DeviceState *dev)
{
    return ((APICState *)dev)->sipi_vector;
}

/* ---- Registers ---- */

static APICState *apic_for_access(void)
{
    if (current_cpu && cpu_env(current_cpu)->apic) {
        return (APICState *)cpu_env(current_cpu)->apic;
    }
    return nb_apics ? apics[0] : NULL;
}

static uint32_t apic_read_reg(APICState *s, int reg)
{
    switch (reg) {
    case APIC_REG_ID:
        return (uint32_t)s->id << 24;
    case APIC_REG_VERSION:
        return APIC_VERSION_REG;
    case APIC_REG_TPR:
        return s->tpr;
    case APIC_REG_APR:
        return apic_apr(s);
    case APIC_REG_PPR:
        return apic_ppr(s);
    case APIC_REG_EOI:
    case APIC_REG_RRD:
        return 0;                /* write-only / remote read unsupported on the P4 */
    case APIC_REG_LDR:
        return s->ldr;
    case APIC_REG_DFR:
        return s->dfr;
    case APIC_REG_SVR:
        return s->svr;
    case APIC_REG_ISR ... APIC_REG_ISR + 7:
        return s->isr[reg - APIC_REG_ISR];
    case APIC_REG_TMR ... APIC_REG_TMR + 7:
        return s->tmr[reg - APIC_REG_TMR];
    case APIC_REG_IRR ... APIC_REG_IRR + 7:
        return s->irr[reg - APIC_REG_IRR];
    case APIC_REG_ESR:
        return s->esr;
    case APIC_REG_ICR_LO:
        return s->icr[0];
    case APIC_REG_ICR_HI:
        return s->icr[1];
    case APIC_REG_LVT ... APIC_REG_LVT + APIC_LVT_NB - 1:
        return s->lvt[reg - APIC_REG_LVT];
    case APIC_REG_TIMER_ICR:
        return s->initial_count;
    case APIC_REG_TIMER_CCR:
        return apic_current_count(s, apic_now());
    case APIC_REG_TIMER_DCR:
        return s->divide_conf;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "apic: read of reserved register %#x\n", reg << 4);
        apic_error(s, APIC_ESR_ILLEGAL_REGISTER);
        return 0;
    }
}

static void apic_write_lvt(APICState *s, int index, uint32_t val)
{
    int64_t now = apic_now();
    bool was_periodic = apic_timer_periodic(s);

    val &= lvt_writable[index];
    if (!apic_sw_enabled(s)) {
        val |= APIC_LVT_MASKED;  /* 10.4.7.2: masks stay set while software disabled */
    }
    s->lvt[index] = (s->lvt[index] & (APIC_LVT_REMOTE_IRR)) | val;
    if (index == APIC_LVT_TIMER && was_periodic != apic_timer_periodic(s)) {
        apic_timer_rearm(s, now);
    }
    if (index == APIC_LVT_LINT0) {
        apic_update_irq(s);      /* ExtINT may (un)block the 8259 */
    }
}

static void apic_write_reg(APICState *s, int reg, uint32_t val)
{
    int64_t now;

    switch (reg) {
    case APIC_REG_ID:
        s->id = val >> 24;
        break;
    case APIC_REG_TPR:
        s->tpr = val & 0xff;
        apic_update_irq(s);
        break;
    case APIC_REG_EOI:
        apic_eoi(s);
        break;
    case APIC_REG_LDR:
        s->ldr = val & 0xff000000u;
        break;
    case APIC_REG_DFR:
        s->dfr = val | 0x0fffffffu;   /* bits 27:0 read as ones */
        break;
    case APIC_REG_SVR:
        s->svr = val & (APIC_SVR_VECTOR | APIC_SVR_ENABLE);
        if (!apic_sw_enabled(s)) {
            for (int i = 0; i < APIC_LVT_NB; i++) {
                s->lvt[i] |= APIC_LVT_MASKED;
            }
        }
        apic_update_irq(s);
        break;
    case APIC_REG_ESR:
        s->esr = s->esr_pending;      /* a write latches the errors seen so far */
        s->esr_pending = 0;
        break;
    case APIC_REG_ICR_LO:
        s->icr[0] = val & APIC_ICR_LO_WRITABLE;
        apic_send_ipi(s);
        break;
    case APIC_REG_ICR_HI:
        s->icr[1] = val & 0xff000000u;
        break;
    case APIC_REG_LVT ... APIC_REG_LVT + APIC_LVT_NB - 1:
        apic_write_lvt(s, reg - APIC_REG_LVT, val);
        break;
    case APIC_REG_TIMER_ICR:
        now = apic_now();
        s->initial_count = val;
        s->initial_count_load_time = now;
        apic_timer_rearm(s, now);
        break;
    case APIC_REG_TIMER_DCR:
        apic_set_divide(s, val, apic_now());
        break;
    case APIC_REG_VERSION:
    case APIC_REG_APR:
    case APIC_REG_PPR:
    case APIC_REG_RRD:
    case APIC_REG_ISR ... APIC_REG_ISR + 7:
    case APIC_REG_TMR ... APIC_REG_TMR + 7:
    case APIC_REG_IRR ... APIC_REG_IRR + 7:
    case APIC_REG_TIMER_CCR:
        break;                   /* read-only */
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "apic: write to reserved register %#x\n", reg << 4);
        apic_error(s, APIC_ESR_ILLEGAL_REGISTER);
        break;
    }
}

/*
 * Registers sit at 16-byte boundaries and are accessed as aligned dwords
 * (10.4.1); the memory API widens narrower accesses to the dword.  The
 * other 12 bytes of each 16 read as zero.
 */
static uint64_t apic_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    APICState *s = apic_for_access();

    if (!s || (addr & 0xf)) {
        return 0;
    }
    return apic_read_reg(s, (addr >> 4) & 0xff);
}

static void apic_mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    APICState *s = apic_for_access();

    if (!s || (addr & 0xf)) {
        return;
    }
    apic_write_reg(s, (addr >> 4) & 0xff, (uint32_t)val);
}

static const MemoryRegionOps apic_mmio_ops = {
    .read = apic_mmio_read,
    .write = apic_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- Device ---- */

static void apic_qdev_reset(DeviceState *dev)
{
    apic_reset(dev);
}

static void apic_instance_init(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, apic_timer_expired, s);
}

static const DeviceClass apic_class = {
    .name = TYPE_APIC,
    .desc = "local APIC (xAPIC)",
    .instance_size = sizeof(APICState),
    .instance_init = apic_instance_init,
    .reset = apic_qdev_reset,
};

static void apic_register(void)
{
    type_register_static(&apic_class);
}
type_init(apic_register)

DeviceState *apic_create(X86CPU *cpu)
{
    DeviceState *dev;
    APICState *s;
    char path[64];

    if (nb_apics == MAX_APICS) {
        fprintf(stderr, "qemu-system-i386: at most %d local APICs\n", MAX_APICS);
        exit(1);
    }
    dev = qdev_new(TYPE_APIC);
    s = (APICState *)dev;
    s->cpu = cpu;
    s->index = nb_apics;
    if (nb_apics == 0) {
        /* Above everything else at these addresses (10.4.1). */
        memory_region_init_io(&apic_mmio, &apic_mmio_ops, NULL, "apic", 0x1000);
        memory_region_add_subregion_overlap(get_system_memory(), APIC_DEFAULT_ADDRESS,
                                            &apic_mmio, 0x1000);
    }
    apics[nb_apics++] = s;
    snprintf(path, sizeof(path), "/machine/unattached/lapic[%d]", s->index);
    qdev_set_path(dev, path);
    if (cpu) {
        cpu->env.apic = dev;
    }
    qdev_realize_or_die(dev, NULL);   /* resets it */
    return dev;
}
