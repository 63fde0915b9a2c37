/* Motorola MC146818 / Dallas DS12887 real-time clock with CMOS RAM. */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include "hw/isa/isa.h"
#include "qemu/timer.h"

#define TYPE_MC146818_RTC "mc146818rtc"
#define RTC_ISA_IRQ 8
#define RTC_CMOS_SIZE 128

/* Register indexes (DS12887 datasheet, "Address Map") */
#define RTC_SECONDS        0x00
#define RTC_SECONDS_ALARM  0x01
#define RTC_MINUTES        0x02
#define RTC_MINUTES_ALARM  0x03
#define RTC_HOURS          0x04
#define RTC_HOURS_ALARM    0x05
#define RTC_DAY_OF_WEEK    0x06
#define RTC_DAY_OF_MONTH   0x07
#define RTC_MONTH          0x08
#define RTC_YEAR           0x09
#define RTC_REG_A          0x0a
#define RTC_REG_B          0x0b
#define RTC_REG_C          0x0c
#define RTC_REG_D          0x0d
#define RTC_CENTURY        0x32  /* the PC/AT century byte */

#define REG_A_UIP  0x80
#define REG_B_SET  0x80
#define REG_B_PIE  0x40
#define REG_B_AIE  0x20
#define REG_B_UIE  0x10
#define REG_B_SQWE 0x08
#define REG_B_DM   0x04          /* 1 = binary, 0 = BCD */
#define REG_B_24H  0x02
#define REG_B_DSE  0x01
#define REG_C_IRQF 0x80
#define REG_C_PF   0x40
#define REG_C_AF   0x20
#define REG_C_UF   0x10
#define REG_D_VRT  0x80

typedef struct RTCState {
    ISADevice parent_obj;
    /* properties */
    uint32_t iobase;
    int32_t base_year;
    char *base;                  /* "utc" (default), "localtime" or "YYYY-MM-DDTHH:MM:SS" */

    MemoryRegion io;
    qemu_irq irq;
    uint8_t cmos_data[RTC_CMOS_SIZE];
    uint8_t cmos_index;
    bool nmi_masked;             /* port 0x70 bit 7 */

    int64_t base_rtc;            /* the time (s since epoch) at base_clock */
    int64_t base_clock;          /* virtual ns of the last second boundary reference */
    bool frozen;                 /* SET or divider in reset: time does not advance */
    int64_t frozen_rtc;          /* the time while frozen */
    int64_t last_c_read;         /* virtual ns, for lazy PF */
    QEMUTimer *update_timer;
    QEMUTimer *periodic_timer;
} RTCState;

ISADevice *mc146818_rtc_init(ISABus *bus, int base_year, qemu_irq intercept_irq);
void rtc_set_memory(ISADevice *dev, int addr, int val);
int rtc_get_memory(ISADevice *dev, int addr);

#endif
