#include <kivals/catalog/ls_products.hpp>
#include <kivals/sync/model.hpp>

#include <algorithm>

namespace kivals::catalog {

LsProductStore::LsProductStore(db::Db& db)
    : m_lookup(db.prepare("SELECT version FROM ls_products WHERE id = ?")),
      m_insert(
          db.prepare("INSERT INTO ls_products (id, name, variant_name, sku, barcode, handle, "
                     "variant_parent_id, has_inventory, is_composite, active, deleted_at, version, "
                     "imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
      m_update(db.prepare(
          "UPDATE ls_products SET name = ?, variant_name = ?, sku = ?, barcode = ?, handle = ?, "
          "variant_parent_id = ?, has_inventory = ?, is_composite = ?, active = ?, "
          "deleted_at = ?, version = ?, updated_at = ? WHERE id = ? AND (version < ? OR ?)")) {}

std::optional<std::int64_t> LsProductStore::stored_version(const std::string& id) {
    m_lookup.reset();
    m_lookup.bind(1, id);
    std::optional<std::int64_t> version;
    if (m_lookup.step())
        version = m_lookup.int64(0);
    m_lookup.reset();
    return version;
}

Upsert LsProductStore::save(const lightspeed::Product& p, SysTime now, std::int64_t seen) {
    std::string at = iso8601(now);
    auto stored = stored_version(p.id);
    if (!stored) {
        m_insert.reset();
        m_insert.bind_all(p.id, p.name, p.variant_name, p.sku, p.barcode, p.handle,
                          p.variant_parent_id, p.has_inventory, p.is_composite, p.active,
                          p.deleted_at, p.version, at, at);
        m_insert.run();
        return Upsert::inserted;
    }
    bool ran_ahead = *stored > sync::plausible_version_limit(std::max(seen, p.version));
    if (*stored >= p.version && !ran_ahead)
        return Upsert::skipped;
    m_update.reset();
    m_update.bind_all(p.name, p.variant_name, p.sku, p.barcode, p.handle, p.variant_parent_id,
                      p.has_inventory, p.is_composite, p.active, p.deleted_at, p.version, at, p.id,
                      p.version, ran_ahead);
    m_update.run();
    return Upsert::updated;
}

} // namespace kivals::catalog
