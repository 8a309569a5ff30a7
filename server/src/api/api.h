#pragma once
// The JSON API v1: routes every request to its handler and turns any error into the
// standard {"error":{...}} body with the right status.
#include "api/router.h"
#include "http/http_types.h"

namespace lumen::server {

class AuthService;
class PatientService;
class AuditService;

class Api
{
public:
    Api(AuthService& auth, PatientService& patients, AuditService& audit, std::string version);
    HttpResponse handle(const HttpRequest& request) const;

private:
    void addSessionRoutes();
    void addPatientRoutes();
    void addAuditRoutes();

    AuthService& m_auth;
    PatientService& m_patients;
    AuditService& m_audit;
    std::string m_version;
    Router m_router;
};

} // namespace lumen::server
