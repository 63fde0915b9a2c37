#!/usr/bin/env python3
"""Random 64 KiB BIOS ROM images for the system-mode fuzz test (fuzz.sh).

    fuzz-rom.py SEED OUTPUT

The same SEED always gives the same image.  The image is meant to make a
guest do as many strange things as possible, not to compute anything; the
emulator running it must never crash, abort or report an internal error.

ROM offset o is physical 0xF0000 + o (and 0xFFFF0000 + o).  Layout:
  0x0000  real-mode prologue: fills the IVT with vectors into the 16-bit
          code, maybe copies the GDT/IDT to RAM, then either stays in real
          mode or loads the GDT, sets CR0.PE and far-jumps to 32-bit code
  0x0800  32-bit prologue: data segments, LIDT, LLDT/LTR, maybe paging
          (2-level 4 KiB/PSE or PAE tables that live in this ROM), STI
  0x1000  GDT (16 entries), 0x1100 LDT, 0x1200 TSS, 0x1800 IDT (256 gates)
  0x2000  PAE PDPT, 0x3000 page directory, 0x4000 page table,
          0x5000 PAE page directory, 0x6000 PAE page table
  0x8000  16-bit code, 0xC000 32-bit code (random bytes mixed with
          interesting instructions: system instructions, far transfers,
          IRET frames to ring 3 / vm86, task switches, segment loads,
          CR/DR/MSR writes, port and MMIO accesses to the PC's devices,
          string instructions, prefixes, LOCK, invalid opcodes)
  0xFFF0  reset vector: jmp far F000:0000
Page-table and descriptor writes by the CPU (accessed/dirty/busy bits) go
to ROM and are dropped, unless the tables were copied to RAM.
"""
import random
import struct
import sys

ROM = 0xF0000
P16, P32 = 0x0000, 0x0800
GDT, LDT, TSS, IDT = 0x1000, 0x1100, 0x1200, 0x1800
PDPT, PD, PT, PAE_PD, PAE_PT = 0x2000, 0x3000, 0x4000, 0x5000, 0x6000
C16, C16_END = 0x8000, 0xC000
C32, C32_END = 0xC000, 0xFF00
RAM_GDT, RAM_IDT = 0x1000, 0x2000

# GDT selectors (see make_gdt)
SEL_CODE32, SEL_DATA32, SEL_CODE16, SEL_DATA16 = 0x08, 0x10, 0x18, 0x20
SEL_CODE3, SEL_DATA3, SEL_TSS, SEL_LDT = 0x2B, 0x33, 0x38, 0x40
SEL_CALLGATE, SEL_TASKGATE, SEL_CONF = 0x48, 0x50, 0x58
SELECTORS = [0, 3, SEL_CODE32, SEL_DATA32, SEL_CODE16, SEL_DATA16, SEL_CODE3,
             SEL_DATA3, SEL_TSS, SEL_LDT, SEL_CALLGATE, SEL_TASKGATE,
             SEL_CONF, 0x60, 0x68, 0x70, 0x78, 0x7B, 0x04, 0x0C, 0x14, 0xF000,
             0x1F, 0xFFFF]

# I/O ports of the PC: PIC, PIT, speaker, i8042, RTC/CMOS, DMA, A20/reset,
# COM1, VGA, PCI config, reset control, fw_cfg (incl. DMA), debugcon, ACPI.
PORTS = [0x20, 0x21, 0xA0, 0xA1, 0x40, 0x41, 0x42, 0x43, 0x61, 0x60, 0x64,
         0x70, 0x71, 0x00, 0x08, 0x0A, 0x0B, 0x81, 0x87, 0xC0, 0xD4, 0xD6,
         0x92, 0x80, 0x3F8, 0x3F9, 0x3FA, 0x3FB, 0x3FC, 0x3FD, 0x2F8, 0x3C0,
         0x3C4, 0x3C5, 0x3CE, 0x3D4, 0x3D5, 0x1F0, 0x1F7, 0x3F6, 0x170,
         0xCF8, 0xCFC, 0xCFD, 0xCFE, 0xCFF, 0xCF9, 0x510, 0x511, 0x514,
         0x518, 0x402, 0x600, 0x604, 0x608, 0xB000, 0xB004, 0xB008, 0xB2,
         0xB3, 0x4D0, 0x4D1, 0xF4, 0xFFFF, 0x0CFB, 0x5658]
MMIO = [0xFEE00000, 0xFEE00020, 0xFEE00080, 0xFEE000B0, 0xFEE000F0,
        0xFEE00300, 0xFEE00310, 0xFEE00320, 0xFEE00350, 0xFEE00380,
        0xFEE003E0, 0xFEC00000, 0xFEC00010, 0xFEC00040, 0xFED00000,
        0xFED00010, 0xFED000F0, 0xA0000, 0xB8000, 0xC0000, 0xE0000,
        0xF0000, 0xFFFF0000, 0xFFFFFFF0, 0xFFFFFFFC, 0x9FFFE, 0xFFFFE,
        0x3000, 0x1000, 0x2000, 0x7FFF0, 0x30000, 0x7FFFFFE, 0x8000000,
        0xFEBFFFFE, 0xFFFFFFFF]
MSRS = [0x10, 0x1B, 0x3A, 0x8B, 0xFE, 0x174, 0x175, 0x176, 0x179, 0x17A,
        0x1A0, 0x1D9, 0x200, 0x201, 0x20F, 0x250, 0x258, 0x268, 0x277,
        0x2FF, 0x400, 0x401, 0x9E, 0xC0000080, 0xC0000081, 0xC0000082,
        0xC0000100, 0xC0000101, 0xC0000102, 0xC0000103, 0xC0010117, 0x0,
        0x3B, 0x480, 0x830, 0x80B, 0xFFFFFFFF]
PREFIXES = [0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x36, 0x3E, 0x26, 0x64, 0x65]


def u16(v):
    return struct.pack('<H', v & 0xFFFF)


def u32(v):
    return struct.pack('<I', v & 0xFFFFFFFF)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.rom = bytearray(self.r.getrandbits(8) for _ in range(0x10000))

    def put(self, off, data):
        self.rom[off:off + len(data)] = data

    # ---- values -------------------------------------------------------
    def imm(self, bits):
        r = self.r
        return r.choice([0, 1, 2, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000,
                         0xFFFFFFFF, r.getrandbits(bits), r.getrandbits(8),
                         1 << r.randrange(bits)]) & ((1 << bits) - 1)

    def sel(self):
        r = self.r
        return r.choice(SELECTORS) if r.random() < 0.85 else r.getrandbits(16)

    def target(self, bits):
        """An offset into the code of the given width (or anywhere)."""
        r = self.r
        if r.random() < 0.9:
            lo, hi = (C16, C16_END) if bits == 16 else (C32, C32_END)
            off = r.randrange(lo, hi)
            return off if bits == 16 else ROM + off
        return self.imm(bits)

    def addr(self, bits):
        r = self.r
        if bits == 16:
            return r.choice([r.getrandbits(16), 0, 0x400, 0x7000, 0xFFFE,
                             0x1000, 0x2000, 0x8000])
        return (r.choice(MMIO) + r.choice([0, 0, 4, r.getrandbits(4)])) & 0xFFFFFFFF \
            if r.random() < 0.7 else r.getrandbits(32)

    # ---- instruction snippets (bits: the code segment's default) -------
    def o32(self, bits):
        return b'\x66' if bits == 16 else b''

    def o16(self, bits):
        return b'\x66' if bits == 32 else b''

    def a32(self, bits):
        return b'\x67' if bits == 16 else b''

    def mov_eax(self, bits, v):
        return self.o32(bits) + b'\xB8' + u32(v)

    def mov_ecx(self, bits, v):
        return self.o32(bits) + b'\xB9' + u32(v)

    def mov_edx(self, bits, v):
        return self.o32(bits) + b'\xBA' + u32(v)

    def mov_ax16(self, bits, v):
        return self.o16(bits) + b'\xB8' + u16(v)

    def mov_dx16(self, bits, v):
        return self.o16(bits) + b'\xBA' + u16(v)

    def snip_segload(self, bits):
        r = self.r
        reg = r.choice([0, 2, 3, 4, 5, 3, 3])  # es ss ds fs gs
        return self.mov_ax16(bits, self.sel()) + bytes([0x8E, 0xC0 | reg << 3])

    def snip_far(self, bits):
        r = self.r
        sel = self.sel()
        kind = r.randrange(6)
        tbits = 16 if sel in (SEL_CODE16,) or (bits == 16 and r.random() < 0.5) else 32
        off = self.target(tbits)
        if sel == SEL_CODE16:
            off &= 0xFFFF
        if kind < 2:    # jmp far ptr16:16/32
            op = 0xEA if kind == 0 else 0x9A
            if r.random() < 0.5:
                return self.o32(bits) + bytes([op]) + u32(off) + u16(sel)
            return self.o16(bits) + bytes([op]) + u16(off) + u16(sel)
        if kind == 2:   # retf/iret with a pushed frame
            fl = r.choice([0x2, 0x202, 0x3002, 0x20202, 0x23202, 0x4202, 0x100,
                           self.imm(32)])
            out = b''
            if r.random() < 0.5:    # a frame with a stack switch (to ring 3/vm86)
                out += self.o32(bits) + b'\x68' + u32(r.choice([SEL_DATA3, 0, sel, 0xF000]))
                out += self.o32(bits) + b'\x68' + u32(r.choice([0x7000, 0x70000, 0]))
            out += self.o32(bits) + b'\x68' + u32(fl)
            out += self.o32(bits) + b'\x68' + u32(sel)
            out += self.o32(bits) + b'\x68' + u32(off)
            if r.random() < 0.3:
                return out + self.o32(bits) + b'\xCB'
            return out + self.o32(bits) + b'\xCF'
        if kind == 3:   # vm86 entry: es ds fs gs pushed before the frame
            out = b''
            for _ in range(4):
                out += self.o32(bits) + b'\x68' + u32(r.choice([0, 0xF000, 0x40]))
            out += self.o32(bits) + b'\x68' + u32(r.choice([0, 0x7000]))
            out += self.o32(bits) + b'\x68' + u32(0x7000)
            out += self.o32(bits) + b'\x68' + u32(r.choice([0x20202, 0x23202, 0x20002, 0x21202]))
            out += self.o32(bits) + b'\x68' + u32(0xF000)
            out += self.o32(bits) + b'\x68' + u32(self.target(16))
            return out + self.o32(bits) + b'\xCF'
        if kind == 4:   # indirect far through memory
            m = self.addr(bits)
            mod = bytes([0xFF, r.choice([0x1D, 0x2D]) if bits == 32 else r.choice([0x1E, 0x2E])])
            return mod + (u32(m) if bits == 32 else u16(m))
        # task switch / call gate
        return self.o32(bits) + bytes([r.choice([0xEA, 0x9A])]) + u32(0) + \
            u16(r.choice([SEL_TSS, SEL_TASKGATE, SEL_CALLGATE, SEL_CALLGATE | 3]))

    def snip_sys(self, bits):
        r = self.r
        k = r.randrange(22)
        m = self.addr(bits)
        mb = u32(m) if bits == 32 else u16(m)
        modrm_mem = 0x05 if bits == 32 else 0x06
        if k == 0:      # mov crN, eax
            cr = r.choice([0, 0, 3, 4, 4, 2, 1, 5, 8])
            v = r.choice([0x80000001, 0x80010011, 0x60000011, 0x11, 0x10, 0x1,
                          0x8, 0xC, 0x20, 0x30, 0xB0, 0x10, 0x600, 0x3000,
                          0xF3000, 0xF2000, 0x0, 0x80000011, 0xE0000033,
                          self.imm(32)])
            out = self.mov_eax(bits, v)
            if cr == 0 and r.random() < 0.5:
                out = b'\x0F\x20\xC0' + self.o32(bits) + b'\x35' + u32(r.choice([1, 0x80000000, 0x80000001, 8, 0x10000, 0x40000000, 4, 2]))
            return out + bytes([0x0F, 0x22, 0xC0 | cr << 3])
        if k == 1:
            return bytes([0x0F, 0x20, 0xC0 | r.choice([0, 2, 3, 4, 1, 5]) << 3 | r.randrange(8)])
        if k == 2:      # debug registers
            return self.mov_eax(bits, self.imm(32)) + bytes([0x0F, r.choice([0x21, 0x23]), 0xC0 | r.randrange(8) << 3])
        if k == 3:      # wrmsr / rdmsr
            out = self.mov_ecx(bits, r.choice(MSRS)) + self.mov_eax(bits, self.imm(32)) + \
                self.mov_edx(bits, r.choice([0, 0, 1, self.imm(32)]))
            return out + r.choice([b'\x0F\x30', b'\x0F\x32'])
        if k == 4:      # lgdt/lidt/sgdt/sidt/lmsw/invlpg/smsw
            reg = r.choice([0, 1, 2, 3, 4, 6, 7])
            return bytes([0x0F, 0x01, modrm_mem | reg << 3]) + mb
        if k == 5:      # lldt/ltr/verr/verw/sldt/str with a selector in ax
            return self.mov_ax16(bits, self.sel()) + bytes([0x0F, 0x00, 0xC0 | r.randrange(6) << 3])
        if k == 6:      # lar/lsl/arpl
            return self.mov_ax16(bits, self.sel()) + r.choice([b'\x0F\x02\xC8', b'\x0F\x03\xC8', b'\x63\xC1'])
        if k == 7:
            return self.mov_eax(bits, self.imm(32)) + self.mov_ecx(bits, self.imm(32)) + \
                r.choice([b'\x0F\xA2', b'\x0F\x31', b'\x0F\x33', b'\x0F\x06', b'\x0F\x08',
                          b'\x0F\x09', b'\x0F\xAA', b'\x0F\x34', b'\x0F\x35', b'\x0F\x07',
                          b'\x0F\x05', b'\x0F\x01\xD0', b'\x0F\x01\xC8', b'\x0F\x01\xF9',
                          b'\x0F\x0B', b'\x0F\xFF', b'\xD6', b'\x0F\x37', b'\x0F\x01\xF8'])
        if k == 8:      # int n / int3 / into / int1
            return r.choice([bytes([0xCD, r.getrandbits(8)]), bytes([0xCD, r.randrange(32)]),
                             b'\xCC', b'\xCE', b'\xF1', b'\xCD\x08', b'\xCD\x80'])
        if k == 9:      # hlt with interrupts maybe on
            return r.choice([b'\xFB\xF4', b'\xF4', b'\xFA\xF4', b'\xFB\x90', b'\xFA', b'\xFB'])
        if k == 10:     # popf with random flags (TF, AC, IOPL, VM, NT, ...)
            return self.o32(bits) + b'\x68' + u32(r.choice([0x100, 0x4000, 0x3000, 0x40000, 0x20000, 0x200000, 0x302, self.imm(32)])) + \
                self.o32(bits) + b'\x9D'
        if k == 11:     # bound, enter, leave, cmpxchg8b, xchg mem
            return r.choice([b'\x62' + bytes([modrm_mem]) + mb,
                             b'\xC8' + u16(r.getrandbits(16)) + bytes([r.getrandbits(8)]),
                             b'\xC9', b'\x0F\xC7' + bytes([0x08 | modrm_mem]) + mb,
                             b'\xF0\x87' + bytes([modrm_mem]) + mb,
                             b'\xF0\x0F\xC7' + bytes([0x08 | modrm_mem]) + mb])
        if k == 12:     # clts / invd / wbinvd / rsm / sysenter / sysexit / lmsw
            return r.choice([b'\x0F\x06', b'\x0F\x08', b'\x0F\x09', b'\x0F\xAA',
                             b'\x0F\x34', b'\x0F\x35', self.mov_ax16(bits, self.imm(16)) + b'\x0F\x01\xF0'])
        if k == 13:     # stack pointer somewhere odd
            return self.o32(bits) + b'\xBC' + u32(r.choice([0, 1, 2, 0x7000, 0x80000, 0xFFFFFFFE, 0xFEE00100, 0xF8000, 0xFFFFFFFF, 0x9FFFE]))
        if k == 14:     # pop a segment register / push-pop ss shadows
            return r.choice([b'\x07', b'\x17', b'\x1F', b'\x0F\xA1', b'\x0F\xA9',
                             self.mov_ax16(bits, self.sel()) + b'\x8E\xD0\xCD\x03'])
        if k == 15:     # a LOCK in front of anything
            return b'\xF0' + bytes(r.getrandbits(8) for _ in range(r.randrange(1, 6)))
        if k == 16:     # x87 / FPU environment
            return r.choice([b'\xDB\xE3', b'\x9B', b'\xD9\xE8', b'\xDF\xE0',
                             b'\xD9' + bytes([0x20 | modrm_mem]) + mb,
                             b'\xDD' + bytes([0x20 | modrm_mem]) + mb,
                             b'\x0F\xAE' + bytes([0x08 | modrm_mem]) + mb])
        if k == 17:     # back to real mode: clear PE and PG, jump to 16-bit code
            return b'\x0F\x20\xC0' + self.o32(bits) + b'\x25' + u32(0x7FFFFFFE) + b'\x0F\x22\xC0' + \
                self.o16(bits) + b'\xEA' + u16(self.target(16)) + u16(0xF000)
        if k == 18:     # into protected mode
            return b'\x0F\x20\xC0' + self.o32(bits) + b'\x0D' + u32(1) + b'\x0F\x22\xC0' + \
                self.o32(bits) + b'\xEA' + u32(self.target(32)) + u16(SEL_CODE32)
        if k == 19:     # software interrupt in vm86 / IOPL-sensitive things
            return r.choice([b'\xFA', b'\xFB', b'\x9C', b'\x9D', b'\xCF', b'\xE4\x60', b'\xEC'])
        if k == 20:     # far return through a gate
            return self.o32(bits) + b'\x9A' + u32(0) + u16(SEL_CALLGATE | r.choice([0, 3]))
        return self.mov_eax(bits, self.imm(32)) + b'\x0F\x22' + bytes([0xD8 if r.random() < 0.5 else 0xE0])

    def snip_io(self, bits):
        r = self.r
        port = r.choice(PORTS) if r.random() < 0.9 else r.getrandbits(16)
        out = self.mov_dx16(bits, port)
        k = r.randrange(8)
        if port == 0xCF8 or k == 0:  # PCI config: i440FX/PIIX registers
            reg = r.choice([0x04, 0x10, 0x3C, 0x40, 0x44, 0x4F, 0x58, 0x59, 0x5A,
                            0x5F, 0x60, 0x72, 0x80, 0x90, 0xD2, 0x20, 0x24, 0x14])
            dev = r.choice([0, 1, 2, 3, r.randrange(32)])
            fn = r.choice([0, 0, 1, 3, r.randrange(8)])
            a = 0x80000000 | dev << 11 | fn << 8 | reg
            if r.random() < 0.1:
                a = self.imm(32)
            out = self.mov_dx16(bits, 0xCF8) + self.mov_eax(bits, a) + self.o32(bits) + b'\xEF'
            out += self.mov_dx16(bits, 0xCFC | (reg & 3)) + self.mov_eax(bits, self.imm(32))
            return out + r.choice([b'\xEE', self.o16(bits) + b'\xEF', self.o32(bits) + b'\xEF', b'\xEC', self.o32(bits) + b'\xED'])
        if k == 1 and port in (0x510, 0x514, 0x518):  # fw_cfg select/DMA
            out += self.mov_eax(bits, r.choice([0x00000000, 0x19000000, self.imm(32), 0x00100000]))
            return out + self.o32(bits) + b'\xEF'
        if k == 2:      # string I/O
            out += self.mov_ecx(bits, r.choice([1, 2, 16, 0x1000, self.imm(16)]))
            out += self.o32(bits) + b'\xBF' + u32(r.choice([0x1000, 0x7000, 0xFFFE, 0xA0000, self.imm(32)]))
            out += self.o32(bits) + b'\xBE' + u32(r.choice([0x1000, 0, 0xF0000, self.imm(32)]))
            return out + bytes([r.choice([0xF3, 0xF3, 0x90])]) + r.choice([b'\x6C', b'\x6D', b'\x6E', b'\x6F', b'\x66\x6D', b'\x66\x6F'])
        if k == 3:      # immediate-port forms
            return self.mov_eax(bits, self.imm(32)) + bytes([r.choice([0xE6, 0xE7, 0xE4, 0xE5]), port & 0xFF])
        out += self.mov_eax(bits, self.imm(32))
        return out + r.choice([b'\xEE', b'\xEE', b'\xEC', self.o16(bits) + b'\xEF', self.o32(bits) + b'\xEF',
                               self.o16(bits) + b'\xED', self.o32(bits) + b'\xED'])

    def snip_device(self, bits):
        """Command sequences the PC's devices act on (not just one write)."""
        r = self.r
        k = r.randrange(6)
        if k == 0:      # fw_cfg DMA: a big-endian descriptor at 500h, then 518h
            ctl = r.choice([0x08, 0x02, 0x04, 0x10, 0x0A, 0x0C, 0x1A, self.imm(32)])
            ctl |= r.choice([0, 0x19, 0x0, 0x1, 0x5, 0x20, 0x8000, 0x19, self.imm(16)]) << 16
            vals = [ctl, r.choice([1, 4, 16, 0x1000, 0x10000, self.imm(32)]),
                    r.choice([0, 0, 0, 1]), self.addr(32)]
            desc = b''.join(self.o32(bits) + b'\xC7' + bytes([0x05 if bits == 32 else 0x06]) +
                            (u32(0x500 + 4 * i) if bits == 32 else u16(0x500 + 4 * i)) +
                            struct.pack('>I', v & 0xFFFFFFFF) for i, v in enumerate(vals))
            return desc + self.mov_dx16(bits, 0x518) + \
                self.mov_eax(bits, struct.unpack('<I', struct.pack('>I', r.choice([0x500, 0x500, self.addr(32)])))[0]) + \
                self.o32(bits) + b'\xEF'
        if k == 1:      # i8042 controller command + data byte
            return b'\xB0' + bytes([r.choice([0x60, 0xD1, 0xD2, 0xD3, 0xD4, 0xA7, 0xA8, 0xAA, 0xAB, 0xAD, 0xAE, 0xC0, 0xD0, 0xE0, 0xF0, 0xFE, r.getrandbits(8)])]) + \
                b'\xE6\x64\xB0' + bytes([r.choice([0xF4, 0xF5, 0xFF, 0xF3, 0xED, 0xEE, 0xF2, 0xE8, 0x01, 0x03, r.getrandbits(8)])]) + b'\xE6\x60'
        if k == 2:      # PIT channel: mode, then a count (0 = 65536, 1, 2)
            ch = r.randrange(3)
            return b'\xB0' + bytes([ch << 6 | r.choice([0x30, 0x34, 0x36, 0x32, 0x10, 0x20, 0x3A, r.getrandbits(6)])]) + b'\xE6\x43' + \
                b'\xB0' + bytes([r.choice([0, 1, 2, 3, 0xFF])]) + bytes([0xE6, 0x40 + ch]) + b'\xB0' + bytes([r.choice([0, 0, 1])]) + bytes([0xE6, 0x40 + ch])
        if k == 3:      # 8259A initialisation: ICW1..ICW4, then a mask
            base = r.choice([0x20, 0xA0])
            return b''.join(b'\xB0' + bytes([v]) + bytes([0xE6, p]) for v, p in [
                (r.choice([0x11, 0x13, 0x19, 0x10, r.getrandbits(8)]), base),
                (r.choice([0x08, 0x20, 0x70, 0x00, r.getrandbits(8)]), base + 1),
                (r.choice([0x04, 0x02]), base + 1), (r.choice([0x01, 0x03, 0x00]), base + 1),
                (r.choice([0x00, 0xFE, 0xFF, r.getrandbits(8)]), base + 1)])
        if k == 4:      # RTC: index (NMI mask bit too), then data
            return b'\xB0' + bytes([r.choice([0x0A, 0x0B, 0x0C, 0x0F, 0x8B, 0x00, 0x32, r.getrandbits(8)])]) + b'\xE6\x70\xB0' + \
                bytes([r.choice([0x2F, 0x26, 0x40, 0x70, 0x7F, 0x12, r.getrandbits(8)])]) + b'\xE6\x71'
        # local APIC: ICR (self/INIT/NMI/SMI/SIPI), timer, LVT, SVR (flat MMIO)
        reg = r.choice([0x300, 0x300, 0x310, 0x320, 0x350, 0x360, 0x370, 0x380, 0x3E0, 0xF0, 0x80, 0xB0, 0xD0, 0xE0, 0x280])
        val = r.choice([0x4000 | r.getrandbits(8), 0x44000 | r.getrandbits(8), 0x40400, 0x40200, 0x40500,
                        0x40600, 0x4C500, 0x20000 | r.getrandbits(8), 0x1FF, 0x10000, 0, 1, self.imm(32)])
        a = 0xFEE00000 + reg
        return self.o32(bits) + b'\xC7' + bytes([0x05 if bits == 32 else 0x06]) + \
            (u32(a) if bits == 32 else u16(a)) + u32(val)

    def snip_mem(self, bits):
        r = self.r
        m = self.addr(bits)
        mb = u32(m) if bits == 32 else u16(m)
        mm = 0x05 if bits == 32 else 0x06
        k = r.randrange(5)
        seg = bytes([r.choice([0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65])]) if r.random() < 0.3 else b''
        if k == 0:
            return seg + self.o32(bits) + b'\xC7' + bytes([mm]) + mb + u32(self.imm(32))
        if k == 1:
            return seg + b'\xC6' + bytes([mm]) + mb + bytes([r.getrandbits(8)])
        if k == 2:
            return seg + self.o32(bits) + b'\xA1' + mb
        if k == 3:      # self-modifying code: write near the current code
            return seg + b'\xC6' + bytes([mm]) + mb + bytes([r.choice([0xCC, 0xF4, 0x90, 0x0F])])
        return seg + r.choice([b'\xFF', b'\x8F', b'\x0F\xBA']) + bytes([mm | r.randrange(8) << 3]) + mb

    def snip_string(self, bits):
        r = self.r
        out = r.choice([b'\xFC', b'\xFD', b''])
        out += self.mov_ecx(bits, r.choice([0, 1, 3, 0x100, 0x10000, 0xFFFFFFFF, self.imm(16)]))
        out += self.o32(bits) + b'\xBE' + u32(self.addr(32) if r.random() < 0.5 else self.imm(32))
        out += self.o32(bits) + b'\xBF' + u32(self.addr(32) if r.random() < 0.5 else self.imm(32))
        pre = bytes(r.choice([0xF3, 0xF2, 0x67, 0x66, 0x2E, 0x64]) for _ in range(r.randrange(3)))
        return out + pre + bytes([r.choice([0xA4, 0xA5, 0xA6, 0xA7, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF])])

    def snip_branch(self, bits):
        r = self.r
        k = r.randrange(5)
        if k == 0:
            return bytes([r.choice([0xEB, 0xE2, 0xE3, 0x70 + r.randrange(16)]), r.getrandbits(8)])
        if k == 1:
            return bytes([r.choice([0xE8, 0xE9])]) + (u32(r.randrange(-0x800, 0x800)) if bits == 32 else u16(r.randrange(-0x800, 0x800)))
        if k == 2:      # indirect near through a register
            return self.mov_eax(bits, self.target(bits)) + r.choice([b'\xFF\xE0', b'\xFF\xD0'])
        if k == 3:      # ret imm / ret
            return r.choice([b'\xC3', b'\xC2' + u16(r.getrandbits(16))])
        return b'\x0F' + bytes([0x80 + r.randrange(16)]) + (u32(r.randrange(-0x400, 0x400)) if bits == 32 else u16(r.randrange(-0x400, 0x400)))

    def code(self, off, end, bits):
        """Fill [off, end) with a mix of snippets and random bytes."""
        r = self.r
        makers = [self.snip_sys] * 5 + [self.snip_far] * 3 + [self.snip_io] * 4 + \
            [self.snip_mem] * 2 + [self.snip_string] * 2 + [self.snip_segload] * 2 + \
            [self.snip_branch] + [self.snip_device] * 3
        while off < end:
            if r.random() < 0.25:
                chunk = bytes(r.getrandbits(8) for _ in range(r.randrange(1, 12)))
            else:
                chunk = r.choice(makers)(bits)
                if r.random() < 0.15:
                    chunk = bytes(r.choice(PREFIXES) for _ in range(r.randrange(1, 4))) + chunk
                if r.random() < 0.03:   # an SMI (APM port B2h), or end the run: reset
                    chunk = r.choice([b'\xE6\xB2', b'\xE6\xB2', b'\xB0\xFE\xE6\x64',
                                      self.mov_dx16(bits, 0xCF9) + b'\xB0\x06\xEE'])
            chunk = chunk[:end - off]
            self.put(off, chunk)
            off += len(chunk)

    # ---- tables ---------------------------------------------------------
    def desc(self, base, limit, access, flags):
        return struct.pack('<HHBBBB', limit & 0xFFFF, base & 0xFFFF, (base >> 16) & 0xFF,
                           access, (flags << 4) | ((limit >> 16) & 0xF), (base >> 24) & 0xFF)

    def gate(self, sel, off, typ):
        return struct.pack('<HHBBH', off & 0xFFFF, sel, 0, typ, off >> 16)

    def make_gdt(self):
        r = self.r
        d = [bytes(8),
             self.desc(0, 0xFFFFF, 0x9B, 0xC),           # 08 code32 flat
             self.desc(0, 0xFFFFF, 0x93, 0xC),           # 10 data32 flat
             self.desc(ROM, 0xFFFF, 0x9B, 0x0),          # 18 code16 at F0000
             self.desc(0, 0xFFFF, 0x93, 0x0),            # 20 data16
             self.desc(0, 0xFFFFF, 0xFB, 0xC),           # 28 code32 DPL3
             self.desc(0, 0xFFFFF, 0xF3, 0xC),           # 30 data32 DPL3
             self.desc(ROM + TSS, 0x67, 0x89, 0x0),      # 38 TSS32 (available)
             self.desc(ROM + LDT, 0x3F, 0x82, 0x0),      # 40 LDT
             self.gate(SEL_CODE32, self.target(32), 0xEC),  # 48 call gate, DPL3
             self.gate(SEL_TSS, 0, 0x85),                # 50 task gate
             self.desc(0, 0xFFFFF, 0x9F, 0xC)]           # 58 conforming code
        while len(d) < 16:
            if r.random() < 0.5:
                d.append(bytes(r.getrandbits(8) for _ in range(8)))
            else:
                d.append(self.desc(r.choice([0, ROM, self.imm(32)]), self.imm(20),
                                   r.choice([0x9B, 0x93, 0xFB, 0xF3, 0x89, 0x8B, 0x81, 0x82, 0x8C, 0x85, 0x97, 0x13, self.imm(8)]),
                                   r.choice([0xC, 0x4, 0x0, 0x8, self.imm(4)])))
        if r.random() < 0.2:    # a flawed standard entry (not the flat ones)
            i = r.randrange(3, 12)
            d[i] = bytes(r.getrandbits(8) for _ in range(8))
        self.put(GDT, b''.join(d))
        self.put(LDT, b''.join(d[1:9]))
        # TSS32: ESP0/SS0, CR3, EIP, EFLAGS, the segment selectors, I/O map
        tss = bytearray(r.getrandbits(8) for _ in range(0x68 + 0x2000 // 8 + 1))
        struct.pack_into('<IIIIII', tss, 0, 0, 0x7000, SEL_DATA32, 0x6000, SEL_DATA32, 0x5000)
        if r.random() < 0.7:
            struct.pack_into('<III', tss, 0x1C, ROM + PD, self.target(32), 0x2)
            for i, s in enumerate([SEL_DATA32, SEL_CODE32, SEL_DATA32, SEL_DATA32, SEL_DATA32, SEL_DATA32]):
                struct.pack_into('<I', tss, 0x48 + 4 * i, s)
            struct.pack_into('<I', tss, 0x60, r.choice([0, SEL_LDT]))
            struct.pack_into('<HH', tss, 0x64, 0, r.choice([0x68, 0x1000, 0xFFFF, 0x70]))
        self.put(TSS, bytes(tss[:0x600]))

    def make_stubs(self, n=48):
        """Exception handlers: a few snippets, then IRET or a jump, so that
        a fault does not just run into the same fault again forever."""
        r = self.r
        stubs = []
        for _ in range(n):
            off = r.randrange(C32, C32_END - 0x80)
            # maybe drop an error code; step the return EIP past the fault
            c = r.choice([b'', b'\x58', b'\x58', b'\x83\xC4\x04'])
            if r.random() < 0.8:
                c += b'\x83\x04\x24' + bytes([r.randrange(1, 8)])
            for _ in range(r.randrange(3)):
                c += r.choice([self.snip_sys, self.snip_io, self.snip_segload, self.snip_mem])(32)
            c += r.choice([b'\xCF', b'\xCF', b'\xE9' + u32(self.target(32) - (ROM + off + len(c) + 5))])
            self.put(off, c[:0x80])
            stubs.append(ROM + off)
        return stubs

    def make_idt(self):
        r = self.r
        stubs = self.make_stubs()
        g = []
        for v in range(256):
            x = r.random()
            if x < 0.75:
                typ = r.choice([0x8E, 0x8F, 0xEE, 0xEF, 0x8E, 0x8F])
                g.append(self.gate(r.choice([SEL_CODE32] * 8 + [SEL_CODE3, SEL_CONF, SEL_CODE16]),
                                   r.choice(stubs) if r.random() < 0.7 else self.target(32), typ))
            elif x < 0.8:
                g.append(self.gate(SEL_TSS, 0, 0x85))
            elif x < 0.85:
                g.append(self.gate(SEL_CODE32, self.target(32), r.choice([0x86, 0x87, 0x0E])))
            else:
                g.append(bytes(r.getrandbits(8) for _ in range(8)))
        self.put(IDT, b''.join(g))

    def make_paging(self):
        r = self.r
        # 2-level: PDE 0 -> page table (identity, a few pages perturbed),
        # other PDEs: PSE 4 MiB pages, not present, or random.
        pt = []
        for i in range(1024):
            flags = 0x7 if r.random() < 0.9 else r.getrandbits(12)
            frame = i if r.random() < 0.95 else r.getrandbits(20)
            # the IVT, the RAM GDT/IDT, the stack and the ROM: mostly sane
            if (i < 4 or 0x60 <= i < 0x70 or 0xF0 <= i < 0x100) and r.random() < 0.99:
                frame, flags = i, 0x3 | (flags & 0x4)
            pt.append(frame << 12 | flags)
        self.put(PT, struct.pack('<1024I', *pt))
        pd = [(ROM + PT) | r.choice([0x7, 0x3, 0x27, 0x7])]
        for i in range(1, 1024):
            x = r.random()
            if x < 0.3:
                pd.append(i << 22 | 0x87)
            elif x < 0.5:
                pd.append(r.getrandbits(10) << 22 | 0x83 | r.getrandbits(1) << 8)
            elif x < 0.6:
                pd.append((ROM + PT) | 0x7)
            elif x < 0.8:
                pd.append(0)
            else:
                pd.append(r.getrandbits(32))
        pd[0x3FF] = (0x3FF << 22) | 0x83 if r.random() < 0.8 else pd[0x3FF]
        pd[0x3FB] = (0x3FB << 22) | 0x9B if r.random() < 0.8 else pd[0x3FB]  # APIC/IOAPIC, PCD
        self.put(PD, struct.pack('<1024I', *pd))
        # PAE: PDPT[0] -> PD with 2 MiB pages and one 4 KiB table
        pdpt = [(ROM + PAE_PD) | 1, r.choice([0, (ROM + PAE_PD) | 1, r.getrandbits(32)]),
                r.choice([0, (ROM + PAE_PD) | 1]), (ROM + PAE_PD) | 1]
        if r.random() < 0.03:
            pdpt[0] |= 0x6  # reserved bits in a PDPTE
        self.put(PDPT, struct.pack('<4Q', *pdpt))
        pae_pd = [(ROM + PAE_PT) | 0x7]
        for i in range(1, 512):
            x = r.random()
            if x < 0.6:
                pae_pd.append(i << 21 | 0x87 | (r.random() < 0.1) << 63)
            elif x < 0.8:
                pae_pd.append(0)
            else:
                pae_pd.append(r.getrandbits(64))
        pae_pd[511] = 0xFFE00000 | 0x83
        self.put(PAE_PD, struct.pack('<512Q', *pae_pd))
        pae_pt = []
        for i in range(512):
            e = i << 12 | 0x7
            if r.random() < 0.05:
                e = r.getrandbits(64)
            elif r.random() < 0.05:
                e |= 1 << 63
            if 0xF0 <= i < 0x100:
                e = i << 12 | 0x3
            pae_pt.append(e)
        self.put(PAE_PT, struct.pack('<512Q', *pae_pt))

    # ---- prologues ------------------------------------------------------
    def prologue16(self):
        r = self.r
        c = bytearray(b'\xFA\xFC')                      # cli; cld
        c += b'\x31\xC0\x8E\xD8\x8E\xC0\x8E\xD0'        # xor ax,ax; ds=es=ss=0
        c += b'\xBC' + u16(0x7000)                      # mov sp,7000h
        # fill the IVT: vector n -> F000:(base + n*step)
        base, step = r.randrange(C16, C16_END - 0x1000), r.choice([0, 2, 4, 16])
        c += b'\x31\xFF\xB9\x00\x01\xBB' + u16(base)     # xor di,di; mov cx,256; mov bx,base
        c += b'\x89\x1D\xC7\x45\x02\x00\xF0\x83\xC7\x04\x83\xC3' + bytes([step]) + b'\xE2\xF1'
        if r.random() < 0.3:    # an SMI handler that scribbles on the state save map
            self.smm_plant(c)
        copied = r.random() < 0.5
        if copied:  # GDT -> RAM 1000h, IDT -> RAM 2000h (cs: rep movsb)
            c += b'\xBE' + u16(GDT) + b'\xBF' + u16(RAM_GDT) + b'\xB9' + u16(0x80) + b'\x2E\xF3\xA4'
            c += b'\xBE' + u16(IDT) + b'\xBF' + u16(RAM_IDT) + b'\xB9' + u16(0x800) + b'\x2E\xF3\xA4'
        if r.random() < 0.1:    # some stay in real mode
            c += b'\xE9' + u16(self.target(16) - (P16 + len(c) + 3))
            return c, copied
        gdt_base = RAM_GDT if copied else ROM + GDT
        gdtr_off = 0x0FF0
        self.put(gdtr_off, u16(0x7F) + u32(gdt_base))
        c += b'\x2E\x0F\x01\x16' + u16(gdtr_off)        # lgdt cs:[gdtr]
        if r.random() < 0.3:
            c += b'\xE4\x92\x0C\x02\xE6\x92'            # A20 on via port 92h
        c += b'\x0F\x20\xC0\x66\x83\xC8\x01\x0F\x22\xC0'  # CR0.PE
        c += b'\x66\xEA' + u32(ROM + P32) + u16(SEL_CODE32)
        return c, copied

    def smm_plant(self, c):
        """SMBASE 30000h: the handler at 38000h copies random bytes from
        39000h over part of the state save map (3FE00h-3FFFFh) and runs
        RSM; PIIX4 DEVACTB.APMC_EN makes port B2h writes raise the SMI.
        The handler and its bytes live at ROM 0600h and 7000h."""
        r = self.r
        dst = r.randrange(0xFE00, 0x10000)
        n = r.randrange(1, 0x10000 - dst + 1)
        h = b'\x8C\xC8\x8E\xD8\x8E\xC0\xBE\x00\x90\xBF' + u16(dst) + b'\xB9' + u16(n) + \
            b'\xFC\xF3\xA4' + r.choice([b'\x0F\xAA', b'\x0F\xAA', b'\xF4', b'\xCF'])
        self.put(0x0600, h)
        self.put(0x7000, bytes(r.getrandbits(8) for _ in range(0x200)))
        c += b'\xB8\x00\x30\x8E\xC0'                                   # es = 3000h
        c += b'\xBE\x00\x06\xBF\x00\x80\xB9' + u16(len(h)) + b'\x2E\xF3\xA4'
        c += b'\xBE\x00\x70\xBF\x00\x90\xB9\x00\x02\x2E\xF3\xA4'
        c += b'\x31\xC0\x8E\xC0'                                       # es = 0
        c += b'\x66\xB8' + u32(0x80000B58) + b'\xBA\xF8\x0C\x66\xEF'   # 00:01.3 reg 58h
        c += b'\x66\xB8' + u32(0x02000000) + b'\xBA\xFC\x0C\x66\xEF'
        if r.random() < 0.3:
            c += b'\xE6\xB2'                                           # SMI now

    def prologue32(self, copied):
        r = self.r
        c = bytearray(b'\x66\xB8' + u16(SEL_DATA32))
        c += b'\x8E\xD8\x8E\xC0\x8E\xD0\x8E\xE0\x8E\xE8'  # ds es ss fs gs
        c += b'\xBC' + u32(0x70000)
        idt_base = RAM_IDT if copied else ROM + IDT
        self.put(0x0FF8, u16(r.choice([0x7FF, 0x7FF, 0x7FF, 0xFF, 0x3F])) + u32(idt_base))
        c += b'\x0F\x01\x1D' + u32(ROM + 0x0FF8)         # lidt [idtr]
        if r.random() < 0.5:
            c += b'\x66\xB8' + u16(SEL_LDT) + b'\x0F\x00\xD0'  # lldt ax
        if r.random() < 0.6:
            c += b'\x66\xB8' + u16(SEL_TSS) + b'\x0F\x00\xD8'  # ltr ax
        x = r.random()
        if x < 0.6:     # 2-level paging, PSE maybe
            cr4 = r.choice([0x10, 0x10, 0x0, 0x90, 0x30])
            c += b'\xB8' + u32(cr4) + b'\x0F\x22\xE0'
            c += b'\xB8' + u32(ROM + PD) + b'\x0F\x22\xD8'
        elif x < 0.85:  # PAE (maybe NX via EFER)
            c += b'\xB8' + u32(r.choice([0x20, 0x30, 0xA0])) + b'\x0F\x22\xE0'
            c += b'\xB8' + u32(ROM + PDPT) + b'\x0F\x22\xD8'
            if r.random() < 0.5:    # EFER.NXE if CPUID says NX exists
                nxe = b'\xB9' + u32(0xC0000080) + b'\x0F\x32\x0D' + u32(0x800) + b'\x0F\x30'
                c += b'\xB8' + u32(0x80000001) + b'\x0F\xA2\x0F\xBA\xE2\x14'  # cpuid; bt edx,20
                c += b'\x73' + bytes([len(nxe)]) + nxe                          # jnc over
        if x < 0.85:
            c += b'\x0F\x20\xC0\x0D' + u32(r.choice([0x80000000, 0x80010000, 0x80000020])) + b'\x0F\x22\xC0'
        if r.random() < 0.5:
            c += b'\xFB'                                # sti
        c += b'\xE9' + u32(self.target(32) - (ROM + P32 + len(c) + 5))
        return c

    def build(self):
        self.code(C16, C16_END, 16)
        self.code(C32, C32_END, 32)
        self.make_gdt()
        self.make_idt()
        self.make_paging()
        p16, copied = self.prologue16()
        self.put(P16, p16)
        self.put(P32, self.prologue32(copied))
        self.put(0xFFF0, b'\xEA\x00\x00\x00\xF0' + bytes(11))
        return bytes(self.rom)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write('usage: fuzz-rom.py SEED OUTPUT\n')
        sys.exit(2)
    try:
        seed = int(sys.argv[1], 0)
    except ValueError:
        sys.stderr.write('fuzz-rom.py: SEED must be an integer, not %r\n' % sys.argv[1])
        sys.exit(2)
    rom = Gen(seed).build()
    assert len(rom) == 0x10000
    with open(sys.argv[2], 'wb') as f:
        f.write(rom)


if __name__ == '__main__':
    main()
