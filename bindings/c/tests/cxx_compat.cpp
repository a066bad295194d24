// errcat.h is usable from C++: this compiles and links with g++ (make test-c builds and runs it).
#include <errcat.h>

#include <cstdio>
#include <string>

int main() {
    errcat_resolved r;
    if (errcat_lookup("Arklet.InstallBizFailed", nullptr, &r) != ERRCAT_OK) return 1;
    std::string meaning = r.entry->meaning_en;
    std::printf("C++: %s = %s\n", r.code, meaning.c_str());
    return meaning.empty() ? 1 : 0;
}
