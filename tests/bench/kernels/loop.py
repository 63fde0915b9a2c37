# A pure-Python workload for tests/bench/run.sh: integer and float loops,
# dicts, strings and a sort; prints a checksum so runs can be compared.
import math

acc = 0
for i in range(1, 600000):
    acc = (acc * 31 + i * i) % 1000000007
words = {}
for i in range(500000):
    w = "w%d" % (i * 7919 % 5003)
    words[w] = words.get(w, 0) + i
s = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
f = 0.0
for i in range(1, 600000):
    f += math.sqrt(i) / (i + 0.5)
text = "".join(chr(97 + (i * 13) % 26) for i in range(500000))
print(acc, len(words), s[0], s[-1], "%.10f" % f, text.count("abc"), hash(text) & 0)
