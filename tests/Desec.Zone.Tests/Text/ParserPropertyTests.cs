using System.Text;
using CsCheck;
using Desec.Zone.Text;
using static Desec.Zone.Tests.Text.ZoneText;

namespace Desec.Zone.Tests.Text;

/// <summary>Properties: printed records parse back to themselves; no input makes the parser throw.</summary>
public class ParserPropertyTests
{
    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 12];

    private static readonly Gen<string> RecordLine =
        Gen.Select(Label.Array[1, 4], Gen.UInt[0, int.MaxValue], Gen.Int[0, 2], Gen.Byte.Array[4], Gen.UShort)
            .Select((labels, ttl, kind, bytes, preference) =>
            {
                string owner = string.Join('.', labels) + ".example.com.";
                return kind switch
                {
                    0 => $"{owner} {ttl} IN A {bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}",
                    1 => $"{owner} {ttl} IN MX {preference} {labels[0]}.example.net.",
                    _ => $"{owner} {ttl} IN TYPE65280 \\# 4 {Convert.ToHexString(bytes)}",
                };
            });

    [Fact]
    public void Printed_records_parse_back_to_the_same_records() =>
        RecordLine.List[1, 20].Sample(lines =>
        {
            var first = Parse(string.Join('\n', lines) + "\n");
            Assert.True(first.Success, string.Join("\n", first.Errors));
            var printed = new StringBuilder();
            foreach (var record in first.Records) { record.AppendTo(printed); printed.Append('\n'); }
            var second = Parse(printed.ToString());
            Assert.True(second.Success, string.Join("\n", second.Errors));
            Assert.Equal(first.Records, second.Records);
        });

    /// <summary>Random text built from the characters that matter to the lexer and parser.</summary>
    private static readonly Gen<string> NastyText =
        Gen.OneOf(
            Gen.Const("$TTL"), Gen.Const("$ORIGIN"), Gen.Const("$INCLUDE"), Gen.Const("$GENERATE"), Gen.Const("1-3"),
            Gen.Const("${0,2,n}"), Gen.Const("${"), Gen.Const("$"), Gen.Const("@"), Gen.Const("A"), Gen.Const("MX"),
            Gen.Const("IN"), Gen.Const("CH"), Gen.Const("60"), Gen.Const("1w"), Gen.Const("\\#"), Gen.Const("10.0.0.1"),
            Gen.Const("("), Gen.Const(")"), Gen.Const("\""), Gen.Const(";"), Gen.Const("\\"), Gen.Const("\n"),
            Gen.Const(" "), Gen.Const("\t"), Gen.Const("\r"), Gen.Const("."), Gen.Const("x"), Gen.Const("TYPE1"),
            Gen.Const("0A"), Gen.Const("a.."), Gen.Const("\\0"), Gen.Const("\\999"), Gen.Char.Select(c => c.ToString()))
        .Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void No_input_makes_the_parser_throw()
    {
        // An empty folder, so that a random $INCLUDE finds nothing to read.
        using var folder = new TempFolder();
        NastyText.Sample(text =>
        {
            var result = ZoneFileParser.ParseText(text, "fuzz", Example, folder.Path);
            Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.Message));
        }, iter: 20000);
    }
}
