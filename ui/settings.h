// Typed access to the user's settings (QSettings), each key declared where it is used.
#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace gemba::ui {

// One setting with its key and default, read and written with its own type (Tiled's Preference<T>).
template <typename T>
class Preference {
public:
    Preference(QString key, T defaultValue = T()) : m_key(std::move(key)), m_default(std::move(defaultValue)) {}

    T get() const
    {
        QSettings settings;
        const QVariant v = settings.value(m_key);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_default;
    }
    void set(const T& value) const
    {
        QSettings settings;
        settings.setValue(m_key, QVariant::fromValue(value));
    }
    operator T() const { return get(); }

private:
    QString m_key;
    T m_default;
};

} // namespace gemba::ui
