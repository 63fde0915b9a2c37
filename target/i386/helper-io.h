/*
 * Port I/O, HLT and other system instructions of the translator
 * (misc_helper.c).  Part of helper.h (no include guard).
 */
