# median(name): the median of the n[name] values v[name, 1..n], setting lo[name] and hi[name] to the extremes.
# Shared by ratio.awk and classify_ratio.awk (awk -f median.awk -f ...).
function median(name,    i, j, t, k, s) {
    k = n[name]
    for (i = 1; i <= k; i++) s[i] = v[name, i]
    for (i = 2; i <= k; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
    lo[name] = s[1]; hi[name] = s[k]
    return (k % 2) ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
}
