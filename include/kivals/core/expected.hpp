#pragma once

#include <type_traits>
#include <utility>
#include <variant>

// The one shape of an expected failure: a value, or why there is none. Exceptions (Error) are
// for "abandon this command"; a failure the caller handles item by item is returned as an
// Expected. A subset of C++23's std::expected (GCC 12's library has none), with the same
// names, so that moving to std::expected later is a rename.
namespace kivals {

// The failure side of an Expected, so that a T and an E of the same type cannot be confused:
// `return Unexpected(std::string("no payload"));`.
template <typename E> class Unexpected {
public:
    explicit Unexpected(E error) : m_error(std::move(error)) {}
    const E& error() const& { return m_error; }
    E&& error() && { return std::move(m_error); }

private:
    E m_error;
};

template <typename E> Unexpected(E) -> Unexpected<E>;

template <typename T, typename E> class Expected {
public:
    Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    template <typename G>
    requires std::is_constructible_v<E, G> Expected(Unexpected<G> failure)
        : m_state(std::in_place_index<1>, std::move(failure).error()) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    // The value; only when has_value() (checked by the variant: std::bad_variant_access).
    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    template <typename U> T value_or(U&& fallback) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

    // Why there is no value; only when !has_value().
    const E& error() const& { return std::get<1>(m_state); }
    E&& error() && { return std::get<1>(std::move(m_state)); }

    // Equal when both hold equal values or both equal errors (tables compare whole results).
    friend bool operator==(const Expected&, const Expected&) = default;

private:
    std::variant<T, E> m_state;
};

// A check that gives nothing back when it passes: Expected<void, E>.
template <typename E> class Expected<void, E> {
public:
    Expected() = default;
    template <typename G>
    requires std::is_constructible_v<E, G> Expected(Unexpected<G> failure)
        : m_error(std::move(failure).error()), m_failed(true) {}

    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    const E& error() const& { return m_error; }

private:
    E m_error{};
    bool m_failed = false;
};

} // namespace kivals
