// Unit tests of the Qt-free HL7 v2 module: ER7 parsing, escapes, character sets, ACKs, MLLP.
#include "lumen/hl7/ack.h"
#include "lumen/hl7/charset.h"
#include "lumen/hl7/escape.h"
#include "lumen/hl7/mllp_deframer.h"
#include "lumen/hl7/parse_error.h"
#include "lumen/hl7/parser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

using namespace lumen::hl7;

namespace {

const std::string adt =
    "MSH|^~\\&|HIS|H1|LUMEN|RIS|20261122103000||ADT^A01^ADT_A01|C1|P|2.5|||||CHN|UNICODE UTF-8\r"
    "PID|1||P001^^^HIS^PI~110105198005031234^^^GA^NNCHN||张^伟^^^^^L||19800503|M\r"
    "PV1|1|O\r";

ErrorCode parseFailure(const std::string& bytes, const ParseLimits& limits = {})
{
    try {
        parseMessage(bytes, limits);
    } catch (const ParseError& e) {
        return e.code();
    }
    return ErrorCode(0);
}

} // namespace

class TestHl7Parser : public QObject
{
    Q_OBJECT
private slots:
    void parses_segments_fields_components_repetitions_and_subcomponents()
    {
        const auto m = parseMessage(adt);
        QCOMPARE(m.segments().size(), std::size_t(3));
        QCOMPARE(m.messageCode(), std::string("ADT"));
        QCOMPARE(m.triggerEvent(), std::string("A01"));
        QCOMPARE(m.controlId(), std::string("C1"));
        QCOMPARE(m.sendingApplication(), std::string("HIS"));
        QCOMPARE(m.characterSet(), std::string("UNICODE UTF-8"));
        const auto* pid = m.first("PID");
        QVERIFY(pid);
        QCOMPARE(pid->repetitionCount(3), 2);
        QCOMPARE(pid->value(3, 0, 1), std::string("P001"));
        QCOMPARE(pid->value(3, 0, 5), std::string("PI"));
        QCOMPARE(pid->value(3, 1, 1), std::string("110105198005031234"));
        QCOMPARE(pid->value(3, 1, 5), std::string("NNCHN"));
        QCOMPARE(pid->value(5, 0, 1), std::string("张"));
        QCOMPARE(pid->value(5, 0, 2), std::string("伟"));
        QCOMPARE(pid->value(3, 5, 1), std::string());
        QCOMPARE(pid->value(99), std::string());
        const auto sub = parseMessage("MSH|^~\\&|A|B|C|D|||ORM^O01|X|P|2.5\rORC|NW|1&2^X\r");
        QCOMPARE(sub.first("ORC")->value(2, 0, 1, 2), std::string("2"));
        QCOMPARE(sub.first("MSH")->value(2), std::string("^~\\&"));
    }

    void unescapes_delimiters_and_hex_sequences()
    {
        const Encoding e;
        QCOMPARE(unescape("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f", e), std::string("a|b^c&d~e\\f"));
        QCOMPARE(unescape("\\X41E5BC\\", e), std::string("A\xE5\xBC"));
        QCOMPARE(unescape("line\\.br\\two\\H\\bold\\N\\", e), std::string("line\ntwobold"));
        QCOMPARE(unescape("dangling\\F", e), std::string("dangling\\F"));
        const auto m = parseMessage("MSH|^~\\&|A|B|C|D|||ADT^A08|X|P|2.5\rPID|1||ID\\T\\1^^^H||A\\S\\B\r");
        QCOMPARE(m.first("PID")->value(3), std::string("ID&1"));
        QCOMPARE(m.first("PID")->value(5), std::string("A^B"));
    }

    void escape_round_trips_every_delimiter()
    {
        const Encoding e;
        const std::string text = "a|b^c&d~e\\f\rg\nh 中文";
        const auto escaped = escape(text, e);
        QVERIFY(escaped.find_first_of("|^&~\r\n") == std::string::npos);
        QCOMPARE(unescape(escaped, e), text);
    }

    void honours_custom_delimiters_from_msh()
    {
        const auto m = parseMessage("MSH#*@!%#A#B#C#D###ADT*A08#X#P#2.5\rPID#1##ID1*2*3@R2##N!F!*G\r");
        QCOMPARE(m.encoding().field, '#');
        QCOMPARE(m.messageCode(), std::string("ADT"));
        const auto* pid = m.first("PID");
        QCOMPARE(pid->value(3, 0, 3), std::string("3"));
        QCOMPARE(pid->value(3, 1, 1), std::string("R2"));
        QCOMPARE(pid->value(5, 0, 1), std::string("N#"));
        QCOMPARE(pid->value(5, 0, 2), std::string("G"));
    }

    void accepts_cr_lf_and_crlf_segment_separators_and_a_bom()
    {
        std::string lf = adt, crlf;
        std::replace(lf.begin(), lf.end(), '\r', '\n');
        for (char c : adt)
            crlf += c == '\r' ? std::string("\r\n") : std::string(1, c);
        for (const auto& text : {lf, crlf, "\xEF\xBB\xBF" + adt, adt + "\n\n"}) {
            const auto m = parseMessage(text);
            QCOMPARE(m.segments().size(), std::size_t(3));
            QCOMPARE(m.first("PV1")->value(2), std::string("O"));
        }
    }

    void converts_declared_gb18030_to_utf8()
    {
        // 王倈: the second character's GB 18030 trail byte is '|', so converting before
        // splitting is what keeps the field intact.
        const std::string gbName = "\xCD\xF5\x82\x7C";
        const std::string msg =
            "MSH|^~\\&|HIS|H|L|R|||ADT^A01|G1|P|2.5|||||CHN|GB 18030-2000\rPID|1||P9^^^HIS^PI||" + gbName +
            "||19800101|M\r";
        const auto m = parseMessage(msg);
        QCOMPARE(m.first("PID")->value(5), std::string("王倈"));
        QCOMPARE(m.first("PID")->value(7), std::string("19800101"));
    }

    void reads_undeclared_non_utf8_text_as_gb18030()
    {
        const std::string msg =
            "MSH|^~\\&|HIS|H|L|R|||ADT^A01|G2|P|2.5\rPID|1||P9||\xD5\xC5\xC8\xFD||19800101|F\r";
        QCOMPARE(parseMessage(msg).first("PID")->value(5), std::string("张三"));
        QCOMPARE(fromUtf8("张三", "GB18030"), std::string("\xD5\xC5\xC8\xFD"));
        QCOMPARE(toUtf8("caf\xE9", "8859/1"), std::string("café"));
    }

    void rejects_malformed_input_with_clear_error_codes()
    {
        QCOMPARE(parseFailure(""), ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure("PID|1||X\r"), ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure("MSH|^^\\&|A|B|C|D|||ADT^A01|X|P|2.5\r"), ErrorCode::DataType);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5\rpid|1\r"), ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5\rPIDX|1\r"), ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5\rMSH|^~\\&|A\r"),
                 ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01||P|2.5\r"), ErrorCode::RequiredFieldMissing);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||||P|2.5\r"), ErrorCode::RequiredFieldMissing);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5||||||KLINGON\r"),
                 ErrorCode::TableValueNotFound);
        QCOMPARE(parseFailure("MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5||||||UNICODE UTF-8\rPID|\xFF\xFE\r"),
                 ErrorCode::DataType);
        std::string withNul = "MSH|^~\\&|A|B|C|D|||ADT^A01|X|P|2.5\rPID|a";
        withNul += '\0';
        withNul += "b\r";
        QCOMPARE(parseFailure(withNul), ErrorCode::DataType);
        QCOMPARE(parseFailure(adt, ParseLimits{64, 10, 10}), ErrorCode::DataType);
        QCOMPARE(parseFailure(adt, ParseLimits{4096, 2, 100}), ErrorCode::SegmentSequence);
        QCOMPARE(parseFailure(adt, ParseLimits{4096, 10, 5}), ErrorCode::SegmentSequence);
        try {
            parseMessage("MSH|^~\\&|A|B|C|D|||ADT^A01||P|2.5\r");
            QFAIL("no error");
        } catch (const ParseError& e) {
            QCOMPARE(e.segment(), std::string("MSH"));
            QCOMPARE(e.field(), 10);
            QVERIFY(std::string(e.what()).find("control ID") != std::string::npos);
        }
    }

    void survives_random_and_mutated_input_without_crashing()
    {
        auto* rng = QRandomGenerator::global();
        const std::string alphabet = "MSHPID|^~\\&\r\n\x0B\x1C\xFF\xE5\x80 0123ABC\"";
        int parsed = 0;
        for (int round = 0; round < 20000; ++round) {
            std::string text = round % 2 ? adt : std::string();
            const int edits = int(rng->bounded(1, 40));
            for (int i = 0; i < edits; ++i) {
                const char c = alphabet[rng->bounded(int(alphabet.size()))];
                const auto at = text.empty() ? 0 : rng->bounded(int(text.size()));
                if (rng->bounded(3) == 0 && !text.empty())
                    text.erase(std::size_t(at), 1);
                else
                    text.insert(std::size_t(at), 1, c);
            }
            try {
                const auto m = parseMessage(text);
                for (const auto& s : m.segments())
                    for (int f = 0; f <= s.fieldCount() + 1; ++f)
                        (void)s.value(f, 1, 2, 2);
                ++parsed;
            } catch (const ParseError&) {
            }
            (void)readHeaderLeniently(text);
        }
        QVERIFY(parsed > 0);
    }

    void every_testdata_file_parses()
    {
        const QDir dir(QStringLiteral(LUMEN_TESTDATA_DIR "/hl7"));
        if (!dir.exists())
            QSKIP("../shared/testdata/hl7 is absent");
        const auto files = dir.entryList({QStringLiteral("*.hl7")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const auto& name : files) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const auto bytes = f.readAll().toStdString();
            try {
                const auto m = parseMessage(bytes);
                QVERIFY2(m.first("MSH") && !m.controlId().empty(), qPrintable(name));
                QVERIFY2(m.segments().size() > 1, qPrintable(name));
            } catch (const ParseError& e) {
                QFAIL(qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(e.what())));
            }
        }
    }

    void ack_carries_control_id_error_code_and_location()
    {
        AckRequest r;
        r.original = readHeaderLeniently(adt);
        r.code = AckCode::Error;
        r.error = AckError{ErrorCode::UnknownKeyIdentifier, "PID", 3, "no patient P|1"};
        r.controlId = "ACK1";
        r.timestamp = "20261122103000+0800";
        const auto ack = parseMessage(encodeAck(r));
        QCOMPARE(ack.messageCode(), std::string("ACK"));
        QCOMPARE(ack.triggerEvent(), std::string("A01"));
        QCOMPARE(ack.first("MSH")->value(5), std::string("HIS"));
        QCOMPARE(ack.first("MSA")->value(1), std::string("AE"));
        QCOMPARE(ack.first("MSA")->value(2), std::string("C1"));
        const auto* err = ack.first("ERR");
        QVERIFY(err);
        QCOMPARE(err->value(2, 0, 1), std::string("PID"));
        QCOMPARE(err->value(2, 0, 3), std::string("3"));
        QCOMPARE(err->value(3, 0, 1), std::string("204"));
        QCOMPARE(err->value(1, 0, 4, 1), std::string("204"));
        QCOMPARE(err->value(8), std::string("no patient P|1"));
        r.code = AckCode::Accept;
        r.error.reset();
        const auto ok = parseMessage(encodeAck(r));
        QCOMPARE(ok.first("MSA")->value(1), std::string("AA"));
        QVERIFY(!ok.first("ERR"));
    }

    void mllp_deframer_splits_frames_and_flags_garbage_and_oversize()
    {
        MllpDeframer d(100);
        const auto two = mllpFrame("one") + "\n" + mllpFrame("two");
        // Byte by byte: frames may arrive in any pieces.
        for (char c : two)
            QCOMPARE(d.feed(std::string_view(&c, 1)), MllpDeframer::State::Ok);
        QVERIFY(d.hasMessage());
        QCOMPARE(d.next(), std::string("one"));
        QCOMPARE(d.next(), std::string("two"));
        QVERIFY(!d.hasMessage());
        QCOMPARE(d.feed("\x0B"
                        "no trailer\x1C"),
                 MllpDeframer::State::Ok);
        QCOMPARE(d.next(), std::string("no trailer"));

        MllpDeframer garbage(100);
        QCOMPARE(garbage.feed("GET / HTTP/1.1\r\n"), MllpDeframer::State::Garbage);
        MllpDeframer restarted(100);
        QCOMPARE(restarted.feed("\x0B"
                                "half\x0B"
                                "again\x1C\r"),
                 MllpDeframer::State::Garbage);
        MllpDeframer big(10);
        QCOMPARE(big.feed("\x0B"
                          "0123456789"),
                 MllpDeframer::State::Ok);
        QCOMPARE(big.feed("X"), MllpDeframer::State::Oversized);
        QVERIFY(!big.hasMessage());
    }
};

QTEST_APPLESS_MAIN(TestHl7Parser)
#include "test_hl7_parser.moc"
