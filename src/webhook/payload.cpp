#include <kivals/webhook/payload.hpp>

#include <kivals/core/text.hpp>

#include <cmath>

namespace kivals::webhook {
namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::optional<std::string> json_text(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

std::optional<bool> json_bool(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (it->is_boolean())
        return it->get<bool>();
    if (it->is_number_integer())
        return it->get<std::int64_t>() != 0;
    if (it->is_string()) {
        auto s = it->get<std::string>();
        if (s == "1" || s == "true")
            return true;
        if (s == "0" || s == "false")
            return false;
    }
    return std::nullopt;
}

} // namespace

std::optional<EventType> parse_event_type(std::string_view name) {
    if (name == "product.update")
        return EventType::product_update;
    if (name == "inventory.update")
        return EventType::inventory_update;
    return std::nullopt;
}

std::string_view event_type_name(EventType type) {
    return type == EventType::product_update ? "product.update" : "inventory.update";
}

std::string probe_body(std::string_view nonce) {
    nlohmann::json payload = {{"kivals_probe", std::string(nonce)}};
    return "payload=" + percent_encode(payload.dump());
}

std::optional<std::string> probe_nonce(const nlohmann::json& payload) {
    auto it = payload.find("kivals_probe");
    if (it == payload.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

Expected<std::string, FieldError> form_field(std::string_view form, std::string_view name) {
    while (!form.empty()) {
        auto amp = form.find('&');
        std::string_view pair = form.substr(0, amp);
        form = amp == std::string_view::npos ? std::string_view() : form.substr(amp + 1);
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        if (!key || *key != name)
            continue;
        auto value =
            percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!value)
            return Unexpected(FieldError::bad_encoding);
        return std::move(*value);
    }
    return Unexpected(FieldError::missing);
}

bool json_depth_within(std::string_view json, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (in_string) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

bool is_form_content_type(std::string_view content_type) {
    constexpr std::string_view k_form = "application/x-www-form-urlencoded";
    while (!content_type.empty() && content_type.front() == ' ')
        content_type.remove_prefix(1);
    std::string_view media = content_type.substr(0, content_type.find(';'));
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t'))
        media.remove_suffix(1);
    if (media.size() != k_form.size())
        return false;
    for (std::size_t i = 0; i < media.size(); ++i)
        if (lower(media[i]) != k_form[i])
            return false;
    return true;
}

std::string_view body_error_text(BodyError error) {
    switch (error) {
    case BodyError::no_payload:
        return "no payload field";
    case BodyError::bad_encoding:
        return "bad form encoding";
    case BodyError::too_deep:
        return "payload nested too deep";
    case BodyError::bad_json:
        return "payload is not valid JSON";
    case BodyError::not_object:
        return "payload is not a JSON object";
    }
    return "malformed";
}

Expected<nlohmann::json, BodyError> decode_delivery(std::string_view form, int max_depth) {
    auto field = form_field(form, "payload");
    if (!field)
        return Unexpected(field.error() == FieldError::missing ? BodyError::no_payload
                                                               : BodyError::bad_encoding);
    const std::string& text = *field;
    if (text.empty())
        return Unexpected(BodyError::no_payload);
    if (!json_depth_within(text, max_depth))
        return Unexpected(BodyError::too_deep);
    nlohmann::json payload = nlohmann::json::parse(text, nullptr, false);
    if (payload.is_discarded())
        return Unexpected(BodyError::bad_json);
    if (!payload.is_object())
        return Unexpected(BodyError::not_object);
    return payload;
}

std::optional<std::string> json_id(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    std::string id;
    if (it->is_string())
        id = it->get<std::string>();
    else if (it->is_number_integer())
        id = std::to_string(it->get<std::int64_t>());
    if (id.empty())
        return std::nullopt;
    return id;
}

std::optional<Qty> json_qty(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (it->is_string())
        return Qty::parse(it->get<std::string>());
    if (it->is_number_integer()) {
        std::int64_t n = it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX
                             ? INT64_MAX
                             : it->get<std::int64_t>();
        if (n > INT64_MAX / Qty::k_scale || n < INT64_MIN / Qty::k_scale)
            return std::nullopt;
        return Qty::units(n);
    }
    if (it->is_number_float()) {
        double d = it->get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 9.0e15)
            return std::nullopt;
        return Qty::from_double(d);
    }
    return std::nullopt;
}

std::optional<std::int64_t> json_version(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    std::int64_t version = 0;
    if (it->is_number_unsigned()) {
        if (it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            return std::nullopt;
        version = it->get<std::int64_t>();
    } else if (it->is_number_integer()) {
        version = it->get<std::int64_t>();
    } else if (it->is_string()) {
        auto parsed = parse_int<std::int64_t>(it->get_ref<const std::string&>());
        if (!parsed)
            return std::nullopt;
        version = *parsed;
    } else {
        return std::nullopt;
    }
    if (version <= 0)
        return std::nullopt;
    return version;
}

Expected<InventoryUpdate, std::string> parse_inventory_update(const nlohmann::json& payload) {
    InventoryUpdate update;
    auto product = json_id(payload, "product_id");
    if (!product)
        return Unexpected(std::string("no product_id"));
    auto outlet = json_id(payload, "outlet_id");
    if (!outlet)
        return Unexpected(std::string("no outlet_id"));
    auto count = json_qty(payload, "count");
    if (!count)
        return Unexpected(std::string("no numeric count"));
    auto version = json_version(payload, "version");
    if (!version)
        return Unexpected(std::string("no positive integer version"));
    return InventoryUpdate{*product, *outlet, *count, *version};
}

Expected<ProductUpdate, std::string> parse_product_update(const nlohmann::json& payload) {
    ProductUpdate update;
    auto id = json_id(payload, "id");
    if (!id)
        return Unexpected(std::string("no id"));
    auto version = json_version(payload, "version");
    if (!version)
        return Unexpected(std::string("no positive integer version"));
    update.id = *id;
    update.version = *version;
    update.name = json_text(payload, "name").value_or(json_text(payload, "base_name").value_or(""));
    update.variant_name = json_text(payload, "variant_name");
    update.sku = json_text(payload, "sku");
    update.handle = json_text(payload, "handle");
    update.variant_parent_id = json_id(payload, "variant_parent_id");
    update.active = json_bool(payload, "active").value_or(true);
    update.deleted_at = json_text(payload, "deleted_at");
    if (update.deleted_at && update.deleted_at->empty())
        update.deleted_at.reset();
    update.has_inventory = json_bool(payload, "has_inventory");
    if (!update.has_inventory)
        update.has_inventory = json_bool(payload, "track_inventory");
    update.is_composite = json_bool(payload, "is_composite");
    if (!update.is_composite)
        update.is_composite = json_bool(payload, "composite");
    return update;
}

} // namespace kivals::webhook
