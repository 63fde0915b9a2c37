# json: round trips of nested data, floats, unicode escapes, sorting, errors.
import json

doc = {
    "name": "Q86 \u00e9\u4e2d\U0001f600",
    "ints": [0, -1, 2 ** 31, -(2 ** 63), 10 ** 30],
    "floats": [0.1, 1e-7, 1.5e300, -0.0, 3.141592653589793, 100.0],
    "nested": {"a": [{"b": None, "c": True, "d": False}], "e": {}},
    "escape": "tab\tnl\nquote\"backslash\\ctrl\x01",
}
text = json.dumps(doc, sort_keys=True)
print(text)
print(json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False))
back = json.loads(text)
print(back == doc, type(back["ints"][4]).__name__)
big = [{"id": i, "sq": i * i, "inv": 1 / (i + 1), "tag": "t%03d" % (i % 7)} for i in range(3000)]
s = json.dumps(big, separators=(",", ":"))
print(len(s), sum(len(x["tag"]) for x in json.loads(s)))
print(json.loads('[1e400, -1e400, 123456789012345678901234567890, "\\ud83d\\ude00"]', parse_float=float))
for bad in ('{"a":}', "[1,2", '"\\x"', "nul"):
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("error", e.msg, e.pos)
