# Bench awk program over gendata output: field splitting, arithmetic,
# associative arrays, a pattern, string lengths.
{ sum += $3; cnt[$2]++; len[$4] += length($5) }
$3 % 97 == 0 { hits++ }
END {
    for (k in cnt) t += cnt[k] * length(k)
    for (k in len) u += len[k]
    printf "%.0f %d %d %d\n", sum, t, u, hits
}
