// Store members for the catalogue: seeding a realistic store, and the product controls
// (create, update, delete, bulk load).
#include "store.hpp"

#include <fmt/format.h>

#include <array>

namespace kivals::lssim {

using nlohmann::json;

namespace {

constexpr std::array k_adjectives{"Classic", "Organic", "Vintage", "Deluxe",   "Rustic", "Urban",
                                  "Coastal", "Alpine",  "Golden",  "Midnight", "Wild",   "Smoky"};
constexpr std::array k_nouns{"Coffee Mug",    "Tea Towel",    "Candle",   "Notebook",
                             "Tote Bag",      "Beanie",       "Soap Bar", "Honey Jar",
                             "Scarf",         "Water Bottle", "Socks",    "Post Shave Balm",
                             "Chocolate Bar", "Planter"};
constexpr std::array k_colours{"Red", "Blue", "Black", "Green"};
constexpr std::array k_cities{"Auckland", "Wellington", "Christchurch", "Dunedin", "Hamilton"};

// Return an EAN-13 with a valid check digit built from a 12-digit body.
std::string ean13(std::uint64_t body) {
    std::string digits = fmt::format("{:012}", body % 1'000'000'000'000ULL);
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i)
        sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
    return digits + static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string handle_of(const std::string& name) {
    std::string h;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)))
            h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return h;
}

} // namespace

void Store::seed_catalogue(std::size_t products, std::size_t outlets) {
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < outlets; ++i) {
        Outlet o{new_id(),
                 i == 0 ? "Main Street" : fmt::format("Shop {}", i + 1),
                 new_id(),
                 "Pacific/Auckland",
                 k_cities[i % k_cities.size()],
                 bump()};
        m_outlets.push_back(std::move(o));
    }
    m_products.reserve(products);
    m_inventory.reserve(products * outlets);
    std::int64_t t0 = now() - 86400 * 90;
    std::size_t i = 0;
    while (i < products) {
        std::size_t slot = i % 25;
        Product p;
        p.id = new_id();
        p.name = fmt::format("{} {} {}", k_adjectives[m_rng() % k_adjectives.size()],
                             k_nouns[m_rng() % k_nouns.size()], i + 1);
        p.variant_name = p.name;
        p.handle = handle_of(p.name);
        p.sku = fmt::format("KV-{:06}", i + 1);
        p.barcode = ean13(9'400'000'000'000ULL / 10 + m_rng() % 100'000'000ULL);
        p.price = static_cast<double>(500 + m_rng() % 9500) / 100.0;
        p.supply_price = static_cast<double>(static_cast<std::int64_t>(p.price * 40)) / 100.0;
        p.created_at = t0 + static_cast<std::int64_t>(i);
        p.updated_at = p.created_at;
        std::optional<Qty> level = Qty::units(static_cast<std::int64_t>(m_rng() % 60));
        if (m_rng() % 100 == 0)
            level = Qty::units(-static_cast<std::int64_t>(1 + m_rng() % 5)); // oversold
        else if (m_rng() % 100 == 1)
            level = Qty::from_milli(static_cast<std::int64_t>(m_rng() % 20000) + 500); // by weight
        if (slot == 12) {
            p.name = fmt::format("Gift Wrapping {}", i + 1);
            p.variant_name = p.name;
            p.has_inventory = false;
        } else if (slot == 17) {
            p.deleted_at = now() - 86400;
        } else if (slot == 22 && i >= 4) {
            p.name = fmt::format("Gift Box {}", i + 1);
            p.variant_name = p.name;
            p.is_composite = true;
            p.has_inventory = true;
            p.bom = {{static_cast<std::uint32_t>(i - 3), 1.0},
                     {static_cast<std::uint32_t>(i - 4), 2.0}};
        }
        std::uint32_t parent = add_product(p, level);
        ++i;
        if (slot != 5)
            continue;
        // A variant family: the parent is itself sellable, three colours hang off it.
        m_products[parent].has_variants = true;
        m_products[parent].option_value = k_colours[0];
        m_products[parent].variant_name = p.name + " / " + k_colours[0];
        for (std::size_t k = 1; k < 4 && i < products; ++k, ++i) {
            Product v = m_products[parent];
            v.id = new_id();
            v.has_variants = false;
            v.variant_parent_id = m_products[parent].id;
            v.option_value = k_colours[k];
            v.variant_name = p.name + " / " + k_colours[k];
            v.sku = fmt::format("KV-{:06}-{}", i + 1, k);
            v.barcode = ean13(9'400'000'000'000ULL / 10 + m_rng() % 100'000'000ULL);
            v.inv_base = -1;
            add_product(std::move(v), Qty::units(static_cast<std::int64_t>(m_rng() % 30)));
            ++m_products[parent].variant_count;
        }
    }
}

std::uint32_t Store::add_product(Product p, std::optional<Qty> level) {
    auto idx = static_cast<std::uint32_t>(m_products.size());
    p.version = bump();
    p.inv_base = -1;
    m_by_id.emplace(p.id, idx);
    m_by_sku.emplace(p.sku, idx);
    m_product_index.add(p.version, idx);
    bool tracked = p.has_inventory && !p.is_composite;
    bool deleted = p.deleted_at != 0;
    m_products.push_back(std::move(p));
    if (tracked) {
        add_records(idx, level);
        if (deleted)
            for (std::uint32_t k = 0; k < m_outlets.size(); ++k)
                m_inventory[static_cast<std::size_t>(m_products[idx].inv_base) + k].deleted = true;
    }
    return idx;
}

void Store::add_records(std::uint32_t product, std::optional<Qty> level) {
    m_products[product].inv_base = static_cast<std::int64_t>(m_inventory.size());
    for (std::uint32_t k = 0; k < m_outlets.size(); ++k) {
        InvRecord r;
        r.product = product;
        r.outlet = k;
        r.level = level.value_or(Qty{});
        r.reorder_point = Qty::units(5);
        r.reorder_amount = Qty::units(20);
        r.average_cost = m_products[product].supply_price;
        r.version = bump();
        m_inventory.push_back(r);
        m_inventory_index.add(r.version, static_cast<std::uint32_t>(m_inventory.size() - 1));
    }
}

void Store::set_tracking(std::uint32_t product, bool tracked) {
    Product& p = m_products[product];
    if (p.is_composite || p.has_inventory == tracked)
        return;
    p.has_inventory = tracked;
    if (p.inv_base < 0) {
        if (tracked)
            add_records(product, Qty{});
        return;
    }
    for (std::uint32_t k = 0; k < m_outlets.size(); ++k) {
        auto rec = static_cast<std::uint32_t>(p.inv_base) + k;
        m_inventory[rec].deleted = !tracked || p.deleted_at != 0;
        touch_record(rec);
    }
}

void Store::clear_products() {
    m_products.clear();
    m_inventory.clear();
    m_by_id.clear();
    m_by_sku.clear();
    m_product_index.clear();
    m_inventory_index.clear();
}

Product Store::product_from(const ProductFields& f, std::string_view default_name) {
    Product p;
    p.id = f.id.value_or("");
    if (p.id.empty())
        p.id = new_id();
    p.name = f.name.value_or(std::string(default_name));
    p.variant_name = p.name;
    p.handle = handle_of(p.name);
    p.sku = f.sku.value_or("");
    p.active = f.active.value_or(true);
    p.has_inventory = f.has_inventory.value_or(true);
    p.created_at = p.updated_at = now();
    return p;
}

Result Store::create_product(const ProductFields& f) {
    std::lock_guard lock(m_mutex);
    Product p = product_from(f, "New Product");
    if (find_product(p.id))
        return {Outcome::conflict, {}, "a product with this id exists"};
    std::uint32_t idx = add_product(std::move(p), f.level);
    emit_product(idx);
    return {Outcome::created, product_json(m_products[idx], ctx()), ""};
}

Result Store::update_product(std::string_view id, const ProductFields& f) {
    std::lock_guard lock(m_mutex);
    auto idx = find_product(id);
    if (!idx)
        return {Outcome::not_found, {}, "product not found"};
    Product& p = m_products[*idx];
    if (f.name) {
        p.name = *f.name;
        p.variant_name = p.option_value.empty() ? p.name : p.name + " / " + p.option_value;
    }
    if (f.sku) {
        auto [b, e] = m_by_sku.equal_range(p.sku);
        for (auto it = b; it != e; ++it)
            if (it->second == *idx) {
                m_by_sku.erase(it);
                break;
            }
        p.sku = *f.sku;
        m_by_sku.emplace(p.sku, *idx);
    }
    if (f.active)
        p.active = *f.active;
    if (f.has_inventory)
        set_tracking(*idx, *f.has_inventory);
    touch_product(*idx);
    emit_product(*idx);
    return {Outcome::ok, product_json(m_products[*idx], ctx()), ""};
}

Result Store::delete_product(std::string_view id) {
    std::lock_guard lock(m_mutex);
    auto idx = find_product(id);
    if (!idx)
        return {Outcome::not_found, {}, "product not found"};
    Product& p = m_products[*idx];
    if (p.deleted_at == 0) {
        p.deleted_at = now();
        if (p.inv_base >= 0)
            for (std::uint32_t k = 0; k < m_outlets.size(); ++k) {
                auto rec = static_cast<std::uint32_t>(p.inv_base) + k;
                m_inventory[rec].deleted = true;
                touch_record(rec);
            }
        touch_product(*idx);
        emit_product(*idx);
    }
    return {Outcome::ok, product_json(m_products[*idx], ctx()), ""};
}

Result Store::load_products(const std::vector<ProductFields>& rows, bool replace) {
    std::lock_guard lock(m_mutex);
    if (replace)
        clear_products();
    std::size_t added = 0;
    for (const ProductFields& f : rows) {
        Product p = product_from(f, "Product");
        if (find_product(p.id))
            continue;
        add_product(std::move(p), f.level);
        ++added;
    }
    return {Outcome::ok,
            {{"loaded", added}, {"products", m_products.size()}, {"version", m_version}},
            ""};
}

} // namespace kivals::lssim
