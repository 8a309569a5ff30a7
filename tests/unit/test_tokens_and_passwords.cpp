// Unit tests of bearer-token expiry/revocation, Argon2id hashing and the role table.
#include "lumen/core/clock.h"
#include "lumen/core/error.h"
#include "lumen/security/password_hasher.h"
#include "lumen/security/rbac.h"
#include "lumen/security/token_service.h"

#include <QtTest>

using namespace lumen;
using namespace std::chrono_literals;

namespace {
QString errorCode(security::TokenService& tokens, const std::string& token)
{
    try {
        tokens.validate(token);
        return "valid";
    } catch (const core::Error& e) {
        return QString::fromStdString(e.code());
    }
}
} // namespace

class TokensAndPasswordsTest : public QObject
{
    Q_OBJECT
private slots:
    void token_is_valid_until_its_lifetime_ends()
    {
        core::ManualClock clock(std::chrono::system_clock::now());
        security::TokenService tokens(clock, 3600s);
        const auto issued = tokens.issue(42);
        QCOMPARE(issued.token.size(), std::size_t(64));
        QCOMPARE(tokens.validate(issued.token).userId, std::int64_t(42));
        clock.advance(3599s);
        QCOMPARE(errorCode(tokens, issued.token), QString("valid"));
        clock.advance(1s);
        QCOMPARE(errorCode(tokens, issued.token), QString("token_expired"));
    }

    void unknown_and_revoked_tokens_are_unauthorized()
    {
        core::ManualClock clock(std::chrono::system_clock::now());
        security::TokenService tokens(clock, 60s);
        QCOMPARE(errorCode(tokens, "deadbeef"), QString("unauthorized"));
        const auto a = tokens.issue(1);
        const auto b = tokens.issue(1);
        QVERIFY(a.token != b.token);
        tokens.revoke(a.token);
        QCOMPARE(errorCode(tokens, a.token), QString("unauthorized"));
        QCOMPARE(errorCode(tokens, b.token), QString("valid"));
        tokens.revokeAllOf(1);
        QCOMPARE(errorCode(tokens, b.token), QString("unauthorized"));
    }

    void argon2id_hash_verifies_only_the_right_password()
    {
        const auto hash = security::hashPassword("Lumen@2026", {1, 1024, 1});
        QVERIFY(QString::fromStdString(hash).startsWith("$argon2id$v=19$"));
        QVERIFY(security::verifyPassword("Lumen@2026", hash));
        QVERIFY(!security::verifyPassword("lumen@2026", hash));
        QVERIFY(!security::verifyPassword("Lumen@2026", "not a hash"));
        // Salted: the same password hashes differently each time.
        QVERIFY(hash != security::hashPassword("Lumen@2026", {1, 1024, 1}));
    }

    // req: 001 cross-cutting role-based access, multi-role users
    void roles_grant_the_union_of_their_permissions()
    {
        using core::Permission;
        using core::Role;
        QVERIFY(security::permissionsOf(Role::LabQa).empty());
        QVERIFY(!security::permissionsOf(Role::Radiologist).count(Permission::PatientWrite));
        QVERIFY(!security::permissionsOf(Role::Registrar).count(Permission::PatientConfidential));
        QVERIFY(security::permissionsOf(Role::ApprovingRadiologist).count(Permission::PatientConfidential));
        const auto both = security::permissionsOf(std::vector<Role>{Role::Radiologist, Role::Registrar});
        QVERIFY(both.count(Permission::PatientWrite) && both.count(Permission::PatientRead));
        QVERIFY(!both.count(Permission::AuditRead));
        for (Role r : core::allRoles())
            QCOMPARE(core::roleFromString(core::toString(r)), std::optional<Role>(r));
    }
};

QTEST_APPLESS_MAIN(TokensAndPasswordsTest)
#include "test_tokens_and_passwords.moc"
