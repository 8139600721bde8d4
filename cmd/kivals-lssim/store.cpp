#include "store.hpp"

#include <fmt/format.h>

#include <chrono>

namespace kivals::lssim {

using nlohmann::json;

Store::Store(EventSink& sink, std::string domain_prefix, std::uint64_t seed, Realities realities)
    : m_sink(sink), m_domain_prefix(std::move(domain_prefix)), m_rng(seed), m_realities(realities) {
    m_retailer_id = new_id();
    // Start high, as real stores do: clients must not assume small or dense versions.
    m_version = 1'000'000 + static_cast<std::int64_t>(m_rng() % 1'000'000);
}

std::int64_t Store::bump() {
    // Gaps between versions are normal in Lightspeed; make them visible.
    m_version += 1 + static_cast<std::int64_t>(m_rng() % 3);
    return m_version;
}

std::string Store::new_id() {
    std::uint64_t a = m_rng();
    std::uint64_t b = m_rng();
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff,
                       0x1000 | (a & 0x0fff), 0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

std::int64_t Store::now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ViewContext Store::ctx() const {
    return ViewContext{m_outlets, m_products, m_inventory, m_retailer_id};
}

std::int64_t Store::version() const {
    std::lock_guard lock(m_mutex);
    return m_version;
}

std::optional<std::uint32_t> Store::find_product(std::string_view id) const {
    auto it = m_by_id.find(std::string(id));
    if (it == m_by_id.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::uint32_t> Store::find_outlet(std::string_view id) const {
    for (std::size_t i = 0; i < m_outlets.size(); ++i)
        if (m_outlets[i].id == id)
            return static_cast<std::uint32_t>(i);
    return std::nullopt;
}

std::optional<std::uint32_t> Store::record_of(std::uint32_t product, std::uint32_t outlet) const {
    const Product& p = m_products[product];
    if (p.inv_base < 0)
        return std::nullopt;
    return static_cast<std::uint32_t>(p.inv_base) + outlet;
}

void Store::touch_product(std::uint32_t product) {
    Product& p = m_products[product];
    p.version = bump();
    p.updated_at = now();
    m_product_index.add(p.version, product);
    m_product_index.maybe_compact(
        [this](std::uint32_t row, std::int64_t v) { return m_products[row].version == v; });
}

void Store::touch_record(std::uint32_t record) {
    InvRecord& r = m_inventory[record];
    r.version = bump();
    m_inventory_index.add(r.version, record);
    m_inventory_index.maybe_compact(
        [this](std::uint32_t row, std::int64_t v) { return m_inventory[row].version == v; });
}

json Store::outlets_page(const PageQuery& q) const {
    std::lock_guard lock(m_mutex);
    json data = json::array();
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    for (const Outlet& o : m_outlets) {
        if (o.version <= q.after || (q.before > 0 && o.version > q.before))
            continue;
        if (data.size() >= q.size)
            break;
        data.push_back(outlet_json(o));
        lo = lo == 0 ? o.version : std::min(lo, o.version);
        hi = std::max(hi, o.version);
    }
    return {{"data", data}, {"version", version_json(lo, hi)}};
}

std::optional<json> Store::outlet(std::string_view id) const {
    std::lock_guard lock(m_mutex);
    auto idx = find_outlet(id);
    if (!idx)
        return std::nullopt;
    return outlet_json(m_outlets[*idx]);
}

json Store::retailer() const {
    std::lock_guard lock(m_mutex);
    return retailer_json(m_retailer_id, m_domain_prefix);
}

namespace {

std::string page_text(const std::string& rows, std::int64_t lo, std::int64_t hi) {
    return "{\"data\":[" + rows + "],\"version\":" + version_json(lo, hi).dump() + "}";
}

} // namespace

std::string Store::products_page(const PageQuery& q) const {
    std::lock_guard lock(m_mutex);
    std::string rows;
    std::size_t n = 0;
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    ViewContext c = ctx();
    m_product_index.scan(
        q, [this](std::uint32_t row, std::int64_t v) { return m_products[row].version == v; },
        [&](std::uint32_t row) {
            const Product& p = m_products[row];
            if (p.deleted_at != 0 && !q.include_deleted)
                return true;
            if (n++ > 0)
                rows += ',';
            append_product(rows, p, c);
            lo = lo == 0 ? p.version : std::min(lo, p.version);
            hi = std::max(hi, p.version);
            return n < q.size;
        });
    return page_text(rows, lo, hi);
}

std::string Store::products_by_sku(std::string_view sku) const {
    std::lock_guard lock(m_mutex);
    std::vector<std::uint32_t> found;
    auto [b, e] = m_by_sku.equal_range(std::string(sku));
    for (auto it = b; it != e; ++it)
        if (m_products[it->second].deleted_at == 0)
            found.push_back(it->second);
    std::sort(found.begin(), found.end(), [this](std::uint32_t x, std::uint32_t y) {
        return m_products[x].version < m_products[y].version;
    });
    std::string rows;
    ViewContext c = ctx();
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (i > 0)
            rows += ',';
        append_product(rows, m_products[found[i]], c);
    }
    std::int64_t lo = found.empty() ? 0 : m_products[found.front()].version;
    std::int64_t hi = found.empty() ? 0 : m_products[found.back()].version;
    return page_text(rows, lo, hi);
}

std::optional<json> Store::product(std::string_view id) const {
    std::lock_guard lock(m_mutex);
    auto idx = find_product(id);
    if (!idx)
        return std::nullopt;
    return product_json(m_products[*idx], ctx());
}

namespace {

void add_row(InventoryPage& page, const InvRecord& r, std::uint32_t record, bool v26,
             const ViewContext& c) {
    page.rows.push_back(v26 ? inventory26_json(r, c) : inventory20_json(r, c));
    page.records.push_back(record);
    page.min = page.min == 0 ? r.version : std::min(page.min, r.version);
    page.max = std::max(page.max, r.version);
}

} // namespace

InventoryPage Store::inventory_page(const PageQuery& q, bool v26) const {
    std::lock_guard lock(m_mutex);
    InventoryPage page;
    ViewContext c = ctx();
    m_inventory_index.scan(
        q, [this](std::uint32_t row, std::int64_t v) { return m_inventory[row].version == v; },
        [&](std::uint32_t row) {
            const InvRecord& r = m_inventory[row];
            if (r.deleted && !q.include_deleted)
                return true;
            add_row(page, r, row, v26, c);
            return page.records.size() < q.size;
        });
    return page;
}

std::optional<InventoryPage> Store::product_inventory(std::string_view product_id,
                                                      const PageQuery& q, bool variants,
                                                      bool v26) const {
    std::lock_guard lock(m_mutex);
    auto idx = find_product(product_id);
    if (!idx)
        return std::nullopt;
    std::vector<std::uint32_t> records;
    auto take = [&](std::uint32_t product) {
        const Product& p = m_products[product];
        if (p.inv_base < 0)
            return;
        for (std::uint32_t k = 0; k < m_outlets.size(); ++k)
            records.push_back(static_cast<std::uint32_t>(p.inv_base) + k);
    };
    take(*idx);
    if (variants && m_products[*idx].has_variants)
        for (std::uint32_t i = 0; i < m_products.size(); ++i)
            if (m_products[i].variant_parent_id == product_id)
                take(i);
    std::sort(records.begin(), records.end(), [&](std::uint32_t x, std::uint32_t y) {
        return q.descending ? m_inventory[x].version > m_inventory[y].version
                            : m_inventory[x].version < m_inventory[y].version;
    });
    InventoryPage page;
    ViewContext c = ctx();
    for (std::uint32_t rec : records) {
        const InvRecord& r = m_inventory[rec];
        if (r.version <= q.after || (q.before > 0 && r.version > q.before))
            continue;
        if ((r.deleted && !q.include_deleted) || page.records.size() >= q.size)
            continue;
        add_row(page, r, rec, v26, c);
    }
    return page;
}

std::vector<Target> Store::targets(std::string_view type) const {
    std::vector<Target> out;
    for (const Webhook& h : m_webhooks)
        if (h.active && h.type == type)
            out.push_back({h.id, h.url});
    return out;
}

std::int64_t Store::next_hook_version(std::uint32_t record) {
    InvRecord& r = m_inventory[record];
    switch (m_realities.hook_versions) {
    case WebhookVersions::same:
        return r.version;
    case WebhookVersions::larger:
        return r.version + 1'000'000'000;
    case WebhookVersions::smaller:
        return ++m_hook_events;
    case WebhookVersions::unrelated:
        if (r.hook_version == 0) // a fixed offset per record, no draw from the seeded generator
            r.hook_version = static_cast<std::int64_t>((record * 2'654'435'761ULL) % 4'000'000);
        return ++r.hook_version;
    }
    return r.version;
}

void Store::emit_inventory(std::uint32_t record) {
    InvRecord& r = m_inventory[record];
    const Product& p = m_products[r.product];
    if (!p.has_inventory || r.deleted)
        return;
    auto to = targets("inventory.update");
    if (to.empty())
        return;
    r.hook_version = next_hook_version(record);
    Event e{"inventory.update",
            std::move(to),
            inventory_payload10(r, ctx(), r.hook_version).dump(),
            p.id,
            m_outlets[r.outlet].id,
            r.hook_version};
    m_sink.publish(std::move(e));
}

void Store::emit_product(std::uint32_t product) {
    auto to = targets("product.update");
    if (to.empty())
        return;
    const Product& p = m_products[product];
    Event e{"product.update", std::move(to), product_payload10(product, ctx()).dump(), p.id, "",
            p.version};
    m_sink.publish(std::move(e));
}

json Store::summary() const {
    std::lock_guard lock(m_mutex);
    std::size_t deleted = 0;
    for (const Product& p : m_products)
        deleted += p.deleted_at != 0 ? 1 : 0;
    json outlets = json::array();
    for (const Outlet& o : m_outlets)
        outlets.push_back({{"id", o.id}, {"name", o.name}});
    return {{"version", m_version},
            {"retailer_id", m_retailer_id},
            {"domain_prefix", m_domain_prefix},
            {"products", m_products.size()},
            {"deleted_products", deleted},
            {"inventory_records", m_inventory.size()},
            {"outlets", outlets},
            {"webhooks", m_webhooks.size()},
            {"custom_reasons", m_reasons.size()},
            {"sales", m_sales},
            {"stock_adjustments", m_adjustments}};
}

} // namespace kivals::lssim
