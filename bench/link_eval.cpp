// kivals-link-eval LIGHTSPEED.csv KIVA.csv [TOP] [THREADS] [own]: run the pure linker over
// two catalogue files (id,name[,sku,barcode]) and print its suggestions as CSV
// (lightspeed_id,kiva_id,rank,score,reason), timings on stderr. With "own", rank 1 is each
// product's own best instead of the one-to-one assignment. For bench/ scripts.
#include <kivals/core/text.hpp>
#include <kivals/link/catalogue.hpp>
#include <kivals/link/linker.hpp>
#include <kivals/util/files.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

std::vector<kivals::link::Product> load(const char* path) {
    auto text = kivals::read_file(path);
    if (!text)
        throw std::runtime_error(fmt::format("{}: no such file", path));
    auto parsed = kivals::link::parse_catalogue(*text);
    for (const auto& e : parsed.errors)
        fmt::print(stderr, "{}:{}: {}\n", path, e.line, e.message);
    std::vector<kivals::link::Product> out;
    for (auto& row : parsed.rows)
        out.push_back(std::move(row.product));
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr,
                   "usage: kivals-link-eval LIGHTSPEED.csv KIVA.csv [TOP] [THREADS] [own]\n");
        return 2;
    }
    try {
        auto t0 = std::chrono::steady_clock::now();
        auto ls = load(argv[1]);
        auto kiva = load(argv[2]);
        double t_load = seconds_since(t0);
        kivals::link::SuggestOptions opts;
        auto top = argc > 3 ? kivals::parse_int<std::size_t>(argv[3]) : std::size_t{5};
        auto threads = argc > 4 ? kivals::parse_int<unsigned>(argv[4]) : 2u;
        if (!top || !threads) {
            fmt::print(stderr, "kivals-link-eval: TOP and THREADS are whole numbers\n");
            return 2;
        }
        opts.top = *top;
        opts.threads = *threads;
        opts.assign = !(argc > 5 && std::string(argv[5]) == "own");
        auto t1 = std::chrono::steady_clock::now();
        kivals::link::Linker linker(ls, kiva);
        double t_index = seconds_since(t1);
        auto t2 = std::chrono::steady_clock::now();
        auto all = linker.suggest_all(opts);
        double t_suggest = seconds_since(t2);
        std::string out = "lightspeed_id,kiva_id,rank,score,reason\n";
        for (std::size_t l = 0; l < all.size(); ++l)
            for (std::size_t r = 0; r < all[l].size(); ++r)
                out += fmt::format("{},{},{},{:.4f},{}\n", ls[l].id, kiva[all[l][r].kiva].id, r + 1,
                                   all[l][r].score, kivals::link::reason_name(all[l][r].reason));
        std::fwrite(out.data(), 1, out.size(), stdout);
        fmt::print(stderr, "{} x {} products: load {:.2f} s, index {:.2f} s, suggest {:.2f} s\n",
                   ls.size(), kiva.size(), t_load, t_index, t_suggest);
    } catch (const std::exception& e) {
        fmt::print(stderr, "kivals-link-eval: {}\n", e.what());
        return 1;
    }
    return 0;
}
