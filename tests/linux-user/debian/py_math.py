# Floating point through Python: libm, float formatting (repr's shortest
# round trip, %e/%g/%f, float.hex), decimal, fractions, integer bignums.
import cmath
import decimal
import fractions
import math
import random
import statistics
import struct

xs = [0.0, -0.0, 1e-310, 5e-324, 0.1, 1 / 3, 2.5, -7.25, 1e16, 123456.789,
      1.7976931348623157e308, math.pi, math.e, float("inf"), float("-inf")]
for x in xs:
    print(repr(x), "%.17g" % x, "%e" % x, "{:.3f}".format(x), x.hex(), struct.pack("<d", x).hex())
for f in ("sin", "cos", "tan", "exp", "log1p", "expm1", "atan", "sinh", "tanh", "erf", "erfc",
          "gamma", "lgamma", "sqrt", "cbrt" if hasattr(math, "cbrt") else "fabs"):
    fn = getattr(math, f)
    out = []
    for x in (0.5, 1.0, 2.0, 3.7, 10.0, 100.5):
        try:
            out.append(repr(fn(x)))
        except (OverflowError, ValueError) as e:
            out.append(type(e).__name__)
    print(f, *out)
print("log", [repr(math.log(x)) for x in (2, 10, 1e-300, 12345.678)])
print("pow", repr(math.pow(1.0001, 10000)), repr(2.0 ** 0.5), repr(10 ** -5.5))
print("atan2", [repr(math.atan2(y, x)) for y, x in ((1, 1), (-1, -1), (0.0, -0.0), (1e-300, 1e300))])
print("fsum", repr(math.fsum([0.1] * 10)), repr(sum([0.1] * 10)))
print("hypot", repr(math.hypot(3e200, 4e200)), repr(math.dist((1, 2, 3), (4, 5, 6.5))))
print("frexp", math.frexp(1e-320), math.ldexp(0.75, 1030) if False else math.ldexp(0.75, 1020))
print("round", round(2.675, 2), round(0.5), round(1.5), round(-2.5), round(1234.5678, -2))
print("floor/ceil/trunc", math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), int(1e20))
print("nan", math.isnan(float("nan")), repr(float("nan")), math.copysign(1.0, -0.0))
print("complex", cmath.sqrt(-2), cmath.exp(1j * math.pi), cmath.phase(-1 - 0j))
print("fromstr", [repr(float(s)) for s in ("1e23", "8.589973e9", "2.2250738585072011e-308", "0x1.8p3" if False else "4.35")])
print("bigint", 3 ** 200 % (10 ** 30 + 7), math.factorial(60), pow(7, -1, 1000003), math.isqrt(10 ** 41))
print("gcd", math.gcd(2 ** 64 * 3, 6 ** 40), math.comb(80, 40), (-7) // 2, (-7) % 2, divmod(-7.5, 2))
decimal.getcontext().prec = 50
print("decimal", decimal.Decimal(2).sqrt(), decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("1.1") * 3)
print("fraction", fractions.Fraction(3.3), fractions.Fraction(1, 3) + fractions.Fraction(1, 6), fractions.Fraction("0.125").limit_denominator(5))
rng = random.Random(12345)
vals = [rng.random() for _ in range(1000)]
print("random", repr(vals[0]), repr(vals[-1]), rng.randint(1, 10 ** 12), rng.gauss(0, 1))
print("stats", repr(statistics.mean(vals)), repr(statistics.stdev(vals)), repr(statistics.median(vals)))
acc = 0.0
for i in range(1, 200000):
    acc += math.sin(i) / i
print("series", repr(acc))
print("int/float", [int(x) for x in (2.9, -2.9, 1e15 + 0.5)], float(2 ** 63), float(2 ** 1000) == 2.0 ** 1000)
print("fmt", f"{1234567.891:,.2f}", f"{0.000123456:.3e}", f"{12.5:%}", f"{255:#x}", f"{1e100:g}", f"{-0.0:+.1f}")
