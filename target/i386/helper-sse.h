/*
 * MMX/SSE/SSE2 helpers (sse_helper.c).  Part of helper.h (no include guard).
 */
