# hashlib (OpenSSL and Python's own), zlib/bz2/lzma, re, struct, base64.
import base64
import bz2
import hashlib
import lzma
import re
import struct
import zlib

data = bytes((i * 7 + i // 251) & 0xFF for i in range(200000))
for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s"):
    print(name, hashlib.new(name, data).hexdigest())
print("pbkdf2", hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 2000).hex())
print("crc32", zlib.crc32(data), zlib.adler32(data))
for mod in (zlib, bz2, lzma):
    c = mod.compress(data * 2)
    print(mod.__name__, len(c), mod.decompress(c) == data * 2)
text = "The quick brown fox jumps over 13 lazy dogs; 2024-02-29, 1999-12-31. foo@example.com"
print(re.findall(r"\b\w{5}\b", text))
print(re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1", text))
print(re.split(r"[;,.]\s*", text))
m = re.search(r"(?P<user>\w+)@(?P<host>[\w.]+)", text)
print(m.groupdict(), m.span())
print(re.findall(r"(?i)[aeiou]{2}", text), bool(re.fullmatch(r"(a|b)*c", "abababc")))
print(struct.pack("<iHbqdf", -5, 65535, -1, 2 ** 40, 2.5, 0.1).hex())
print(struct.unpack(">IhQ", bytes(range(14))))
print(base64.b64encode(data[:60]).decode(), base64.b32encode(b"q86").decode())
