/*
 * The local APIC (xAPIC, Intel SDM vol. 3A ch. 10 "Advanced Programmable
 * Interrupt Controller") and the routing of external interrupts to the CPU.
 *
 * Who calls what:
 *   hw/i386/pc.c     apic_create(cpu) once per CPU after cpu_x86_create()
 *                    (sets cpu->env.apic); with no CPU (qtest) apic_create(NULL)
 *                    still gives the MMIO page.  pc_cpu_intr_notify (the
 *                    master 8259's INT) -> apic_deliver_pic_intr(env.apic, level).
 *   target/i386      WRMSR/RDMSR IA32_APIC_BASE -> cpu_set_apic_base /
 *                    cpu_get_apic_base; cpu_exec_interrupt (BQL held) ->
 *                    cpu_get_pic_interrupt on CPU_INTERRUPT_HARD; on
 *                    CPU_INTERRUPT_INIT -> apic_init_reset(env.apic) after the
 *                    CPU's own INIT, on CPU_INTERRUPT_SIPI ->
 *                    apic_get_sipi_vector(env.apic) (start at vector << 12).
 *   hw/intc/ioapic.c apic_deliver_irq for each redirection entry it sends;
 *                    the APIC answers level-triggered EOIs with
 *                    ioapic_eoi_broadcast (include/hw/intc/ioapic.h).
 * Every function here runs under the BQL.
 */
#ifndef HW_I386_APIC_H
#define HW_I386_APIC_H

#include <stdbool.h>
#include <stdint.h>

#include "target/i386/cpu.h"

typedef struct DeviceState DeviceState;

#define TYPE_APIC "apic"
#define APIC_DEFAULT_ADDRESS 0xfee00000u

/* IA32_APIC_BASE (MSR 0x1b) bits, SDM vol. 3A 10.4.4 */
#define MSR_IA32_APICBASE_BSP    (1ULL << 8)
#define MSR_IA32_APICBASE_ENABLE (1ULL << 11)
#define MSR_IA32_APICBASE_BASE   0xfffff000ULL  /* 32-bit physical addresses */

/* Delivery modes (ICR, LVT and IOAPIC redirection entries, SDM 10.6.1) */
#define APIC_DM_FIXED   0
#define APIC_DM_LOWPRI  1
#define APIC_DM_SMI     2
#define APIC_DM_NMI     4
#define APIC_DM_INIT    5
#define APIC_DM_SIPI    6
#define APIC_DM_EXTINT  7

/* Destination modes */
#define APIC_DESTMODE_PHYSICAL 0
#define APIC_DESTMODE_LOGICAL  1

/* Trigger modes */
#define APIC_TRIGGER_EDGE  0
#define APIC_TRIGGER_LEVEL 1

/*
 * Creates the local APIC of @cpu (NULL: an APIC with no processor, so the
 * MMIO page exists under qtest) in the state after power-up: IA32_APIC_BASE
 * 0xfee00000 globally enabled (BSP bit for the first one), software disabled,
 * APIC ID = the CPU's index.  Maps the MMIO page into system memory the first
 * time.  Sets cpu->env.apic.
 */
DeviceState *apic_create(X86CPU *cpu);
/* Power-up/RESET state (also the qdev reset). */
void apic_reset(DeviceState *apic);
/* INIT (SDM 10.4.7.3): like reset but the APIC ID and IA32_APIC_BASE stay. */
void apic_init_reset(DeviceState *apic);

/* IA32_APIC_BASE as RDMSR reads it. */
uint64_t cpu_get_apic_base(DeviceState *apic);
/* WRMSR IA32_APIC_BASE: base relocation and the global enable (clearing it
 * disables the APIC and loses its programming; setting it again finds the
 * power-up state, as on the Pentium 4).  BSP is read-only.  Reserved bits
 * are the caller's #GP(0) to raise: see apic_base_valid().  Takes the BQL
 * if the caller (WRMSR on the vCPU thread) does not hold it. */
void cpu_set_apic_base(DeviceState *apic, uint64_t val);
/* True if @val has no reserved bit set (bits 0-7, 9-10, 32-63: 32-bit physical addresses). */
bool apic_base_valid(uint64_t val);

/*
 * The INTA cycle of the APIC: the highest deliverable vector (IRR above the
 * processor priority), moved from IRR to ISR; -1 if there is none.
 */
int apic_get_interrupt(DeviceState *apic);
/* Are the 8259's interrupts taken (APIC globally disabled, or LINT0 unmasked ExtINT)? */
bool apic_accept_pic_intr(DeviceState *apic);
/* The 8259's INT output changed: LINT0 per its LVT, or the CPU's INTR when disabled. */
void apic_deliver_pic_intr(DeviceState *apic, int level);
/* The vector of the last SIPI accepted (the CPU starts at vector << 12). */
int apic_get_sipi_vector(DeviceState *apic);

/*
 * An interrupt message (IOAPIC redirection entry, later MSI) to every local
 * APIC the destination selects.  Destinations that match no APIC go nowhere.
 */
void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,
                      uint8_t vector, uint8_t trigger);

/*
 * hw/i386/x86-irq.c: the vector of the external interrupt the CPU takes
 * now (CPU_INTERRUPT_HARD): the local APIC's first, then the 8259's (an
 * INTA cycle) when the APIC passes them on or there is no APIC; -1: none.
 */
int cpu_get_pic_interrupt(CPUX86State *env);

#endif
