#pragma once
// API errors and connection states as sentences a nurse can act on.
#include "lumen/client/api_error.h"
#include "lumen/client/connection_monitor.h"

#include <QCoreApplication>
#include <QString>

namespace lumen::ui {

class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(lumen::ui::ErrorText)
public:
    static QString describe(const client::ApiError& error);
    static QString connectionState(client::ConnectionState state);
};

} // namespace lumen::ui
