using Desec.Zone.Text;
using static Desec.Zone.Tests.Text.ZoneText;

namespace Desec.Zone.Tests.Text;

/// <summary>BIND's $GENERATE; expected records come from named-compilezone on the same text.</summary>
public class GenerateTests
{
    private const string BindCases = """
        $TTL 300
        $GENERATE 1-3 host$ A 10.0.0.$
        $GENERATE 0-20/7 h${5,3,d} A 10.0.0.$
        $GENERATE 10-12 x${0,4,x}.${0,0,X}.${-1,3,o} A 10.0.0.$
        $GENERATE 254-255 ${0,0,n}.nib A 10.0.0.1
        $GENERATE 254-255 ${0,3,N}.nib3 A 10.0.0.1
        $GENERATE 1-2 ${0,6,n}nib6 A 10.0.0.1
        $GENERATE 1-2 d\$$ A 10.0.0.1
        $GENERATE 1-2 e$$ A 10.0.0.$
        $GENERATE 1-2 f$ 600 IN A 10.0.0.$
        $GENERATE 1-2 g$ IN 600 A 10.0.0.$
        $GENERATE 1-2 m$ MX "1$ mx${1}"
        $GENERATE 1-2 k${-5} A 10.0.0.$
        $GENERATE 7-8 @ TYPE65280 "\# 1 0$"
        $GENERATE 1-1 abs$.example.com. A 10.0.0.$
        $GENERATE 1-2 q$ TXT "\"q$ x\" y"

        """;

    // named-compilezone -i local -s full -o - example.com (owners lower-cased; BIND sorts its output).
    private static readonly string[] BindOutput =
    [
        "example.com.\t300\tIN\tTYPE65280\t\\# 1 07",
        "example.com.\t300\tIN\tTYPE65280\t\\# 1 08",
        "x000a.a.011.example.com.\t300\tIN\tA\t10.0.0.10",
        "x000b.b.012.example.com.\t300\tIN\tA\t10.0.0.11",
        "x000c.c.013.example.com.\t300\tIN\tA\t10.0.0.12",
        "abs1.example.com.\t300\tIN\tA\t10.0.0.1",
        "q1.example.com.\t300\tIN\tTXT\t\"q1 x\" \"y\"",
        "q2.example.com.\t300\tIN\tTXT\t\"q2 x\" \"y\"",
        "d\\$1.example.com.\t300\tIN\tA\t10.0.0.1",
        "d\\$2.example.com.\t300\tIN\tA\t10.0.0.1",
        "e\\$.example.com.\t300\tIN\tA\t10.0.0.1",
        "e\\$.example.com.\t300\tIN\tA\t10.0.0.2",
        "f1.example.com.\t600\tIN\tA\t10.0.0.1",
        "f2.example.com.\t600\tIN\tA\t10.0.0.2",
        "g1.example.com.\t600\tIN\tA\t10.0.0.1",
        "g2.example.com.\t600\tIN\tA\t10.0.0.2",
        "h005.example.com.\t300\tIN\tA\t10.0.0.0",
        "h012.example.com.\t300\tIN\tA\t10.0.0.7",
        "h019.example.com.\t300\tIN\tA\t10.0.0.14",
        "host1.example.com.\t300\tIN\tA\t10.0.0.1",
        "host2.example.com.\t300\tIN\tA\t10.0.0.2",
        "host3.example.com.\t300\tIN\tA\t10.0.0.3",
        "k-3.example.com.\t300\tIN\tA\t10.0.0.2",
        "k-4.example.com.\t300\tIN\tA\t10.0.0.1",
        "m1.example.com.\t300\tIN\tMX\t11 mx2.example.com.",
        "m2.example.com.\t300\tIN\tMX\t12 mx3.example.com.",
        "e.f.nib.example.com.\t300\tIN\tA\t10.0.0.1",
        "f.f.nib.example.com.\t300\tIN\tA\t10.0.0.1",
        "e.f.nib3.example.com.\t300\tIN\tA\t10.0.0.1",
        "f.f.nib3.example.com.\t300\tIN\tA\t10.0.0.1",
        "1.0.0.nib6.example.com.\t300\tIN\tA\t10.0.0.1",
        "2.0.0.nib6.example.com.\t300\tIN\tA\t10.0.0.1",
    ];

    [Fact]
    public void Matches_bind()
    {
        var ours = Lines(BindCases).Select(l => l.ToLowerInvariant()).Order(StringComparer.Ordinal);
        Assert.Equal(BindOutput.Select(l => l.ToLowerInvariant()).Order(StringComparer.Ordinal), ours);
    }

    [Fact]
    public void Records_take_the_directive_line_and_file_order()
    {
        var result = Parse("$TTL 1\n\n$GENERATE 3-1 a$ A 10.0.0.$\n$GENERATE 1-3 b$ A 10.0.0.$\n");
        Assert.Equal(["b1", "b2", "b3"], result.Records.Select(r => r.Owner.ToString()[..2]));
        Assert.All(result.Records, r => Assert.Equal("test.zone:4", r.Location));
    }

    [Fact]
    public void Changes_neither_the_last_owner_nor_the_last_explicit_ttl()
    {
        // As BIND: the entry after the directive continues with www and TTL 300.
        Assert.Equal(
        [
            "www.example.com.\t300\tIN\tA\t192.0.2.1",
            "g1.example.com.\t700\tIN\tA\t10.0.0.1",
            "www.example.com.\t300\tIN\tA\t192.0.2.2",
        ], Lines("www 300 A 192.0.2.1\n$GENERATE 1-1 g$ 700 A 10.0.0.$\n  A 192.0.2.2\n"));
    }

    [Fact]
    public void Uses_the_current_origin()
    {
        Assert.Equal(["1.sub.example.com.\t5\tIN\tMX\t1 mx1.sub.example.com."],
            Lines("$ORIGIN sub\n$GENERATE 1-1 $ 5 MX \"1 mx$\"\n"));
    }

    [Theory]
    [InlineData("fe", "${0,0,x}", 254)]
    [InlineData("FE", "${0,0,X}", 254)]
    [InlineData("0376", "${0,4,o}", 254)]
    [InlineData("e.f", "${0,0,n}", 254)]
    [InlineData("e.f.", "${0,4,n}", 254)]
    [InlineData("e.f.0.0", "${0,7,n}", 254)]
    [InlineData("0", "${0,0,n}", 0)]
    [InlineData("0.0.", "${0,4,N}", 0)]
    [InlineData("-03", "${-5,3,d}", 2)]
    [InlineData("ffffffff", "${-1,0,x}", 0)]
    [InlineData("a$b", "a$$b", 0)]
    [InlineData("a\\$b", "a\\$b", 0)]
    [InlineData("x\\", "x\\", 0)]
    public void Template_expansion(string expected, string template, int value)
    {
        Assert.Equal(expected, Template(template).Expand(value));
    }

    private static GenerateTemplate Template(string text) => GenerateTemplate.Parse(new Token(text, false, 1, 1), "t");

    [Theory]
    [InlineData("$GENERATE 3-1 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range '3-1'")]
    [InlineData("$GENERATE 1-3/0 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range '1-3/0'")]
    [InlineData("$GENERATE 0-2147483648 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range")]
    [InlineData("$GENERATE -1-3 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range")]
    [InlineData("$GENERATE 1 a$ A 10.0.0.1", 1, 11, "expected start-stop or start-stop/step")]
    [InlineData("$GENERATE 1-2/x a$ A 10.0.0.1", 1, 11, "bad $GENERATE range")]
    [InlineData("$GENERATE 1-2/1/1 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range")]
    [InlineData("$GENERATE 1/2-3 a$ A 10.0.0.1", 1, 11, "bad $GENERATE range")]
    [InlineData("$GENERATE 1-2 a${0,3,q} A 10.0.0.1", 1, 16, "bad $GENERATE modifier '${0,3,q}': unknown base")]
    [InlineData("$GENERATE 1-2 a${0,3 A 10.0.0.1", 1, 16, "'${' is never closed")]
    [InlineData("$GENERATE 1-2 a${x} A 10.0.0.1", 1, 16, "the offset is not a number")]
    [InlineData("$GENERATE 1-2 a${0,,x} A 10.0.0.1", 1, 16, "the width is not a number")]
    [InlineData("$GENERATE 1-2 a${0,999} A 10.0.0.1", 1, 16, "the width is not a number from 0 to 255")]
    [InlineData("$GENERATE 1-2 a${0,2,d,} A 10.0.0.1", 1, 16, "too many fields")]
    [InlineData("$GENERATE 1-2 a$ A 10.0.0.${0,3,o", 1, 27, "'${' is never closed")]
    [InlineData("$GENERATE 1-2 a$ A 10.0.0.$ extra", 1, 29, "unexpected 'extra' after the $GENERATE rhs")]
    [InlineData("$GENERATE 1-2 a$ A", 1, 19, "expected the $GENERATE RDATA (rhs)")]
    [InlineData("$GENERATE 1-2 a$", 1, 17, "expected $GENERATE range lhs [ttl] [class] type rhs")]
    [InlineData("$GENERATE 1-2 a$ CH A 10.0.0.1", 1, 18, "class CH is not supported")]
    [InlineData("$GENERATE 1-2 a$ FOO 10.0.0.1", 1, 18, "unknown type 'FOO'")]
    [InlineData("$GENERATE 1-2 \"a$\" A 10.0.0.1", 1, 15, "expected the $GENERATE owner (lhs), found a quoted string")]
    [InlineData("$GENERATE 250-260 a$ A 10.0.0.$", 1, 24, "$GENERATE at value 256: bad address")]
    [InlineData("$GENERATE 1-2 a$.. A 10.0.0.1", 1, 15, "$GENERATE at value 1: bad $GENERATE owner 'a1..': empty label")]
    [InlineData("$GENERATE 1-2 a$ MX \"1 ( x\"", 1, 24, "in the expanded $GENERATE rhs '1 ( x': '(' is never closed")]
    public void Errors(string line, int lineNumber, int column, string reason) =>
        AssertError(SingleError("$TTL 60\n" + line + "\n"), lineNumber + 1, column, reason);

    [Fact]
    public void Without_any_ttl_is_an_error()
    {
        AssertError(SingleError("$GENERATE 1-2 a$ A 10.0.0.$\n"), 1, 1, "$GENERATE at value 1: no TTL for this record");
    }
}
