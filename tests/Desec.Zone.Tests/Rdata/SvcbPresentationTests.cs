using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.SvcbTestSupport;

namespace Desec.Zone.Tests.Rdata;

/// <summary>
/// Text input and output of SvcParams (RFC 9460 §2.1, §7, §8, Appendix A). Every expected output
/// is what BIND 9.18's <c>named-compilezone -i local -s full</c> printed for the same input.
/// </summary>
public class SvcbPresentationTests
{
    private const string Ech =
        "AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA";

    [Theory]
    [InlineData("1 . alpn=\"h2,h3\" ipv4hint=1.2.3.4 ech=\"" + Ech + "\"", "1 . alpn=\"h2,h3\" ipv4hint=1.2.3.4 ech=" + Ech)]
    [InlineData("1 . dohpath=/dns-query{?dns} alpn=h2 no-default-alpn", "1 . alpn=\"h2\" no-default-alpn key7=\"/dns-query{?dns}\"")]
    [InlineData("1 . key8 key65000=abc key9=\\000\\029 key123", "1 . key8 key9=\"\\000\\029\" key123 key65000=\"abc\"")]
    [InlineData("1 . ohttp", "1 . key8")]
    [InlineData("1 Foo.EXAMPLE.com. port=443 key8", "1 Foo.EXAMPLE.com. port=443 key8")]
    [InlineData("1 . key5=\\000\\001 key7=\"/q{?dns}\"", "1 . ech=AAE= key7=\"/q{?dns}\"")]
    [InlineData("1 . alpn=\"a b,c\\\"d,\\255e\"", "1 . alpn=\"a\\032b,c\\\"d,\\255e\"")]
    [InlineData("1 . key1000=\"a b,c\\\"d\\\\e;\\255\" key1001=\"\"", "1 . key1000=\"a b,c\\\"d\\\\e;\\255\" key1001")]
    [InlineData("1 . ipv6hint=::ffff:1.2.3.4,::1.2.3.4,::1,::", "1 . ipv6hint=::ffff:1.2.3.4,::1.2.3.4,::1,::")]
    [InlineData("1 . mandatory=key1000,port port=1 key1000=x", "1 . mandatory=port,key1000 port=1 key1000=\"x\"")]
    [InlineData("1 . alpn=h2 key7=/x{?dns} key2", "1 . alpn=\"h2\" no-default-alpn key7=\"/x{?dns}\"")]
    [InlineData("1 . ipv4hint=\"1.2.3.4,5.6.7.8\" port=\"53\"", "1 . port=53 ipv4hint=1.2.3.4,5.6.7.8")]
    [InlineData("1 . mandatory=\"port\" port=53", "1 . mandatory=port port=53")]
    [InlineData("1 . ech=\"\"", "1 . ech")]
    [InlineData("0 . alpn=h2", "0 . alpn=\"h2\"")]
    [InlineData("1 . dohpath=/q{dns}", "1 . key7=\"/q{dns}\"")]
    [InlineData("1 . dohpath=/q{?x,dns}", "1 . key7=\"/q{?x,dns}\"")]
    [InlineData("1 . port=01", "1 . port=1")]
    [InlineData("1 . key65534=a", "1 . key65534=\"a\"")]
    [InlineData("1 . key1=\\002h2", "1 . alpn=\"h2\"")]
    [InlineData("1 . mandatory=key3 port=1", "1 . mandatory=port port=1")]
    [InlineData("1 . no-default-alpn alpn=h2", "1 . alpn=\"h2\" no-default-alpn")]
    [InlineData("1 . no-default-alpn=\"\" alpn=h2", "1 . alpn=\"h2\" no-default-alpn")]
    [InlineData("65535 www port=0", "65535 www.example.com. port=0")]
    [InlineData("1 @", "1 example.com.")]
    public void Prints_like_named_compilezone(string input, string expected)
    {
        foreach (ushort type in new[] { RRType.SVCB, RRType.HTTPS })
        {
            var rdata = Parse(type, input);
            Assert.Equal(expected, Format(type, rdata));
            Assert.Equal(rdata, Parse(type, expected));
            Assert.Equal(rdata, ReadWire(type, rdata));
        }
    }

    [Fact]
    public void TargetName_keeps_its_letter_case()
    {
        var rdata = Parse(RRType.HTTPS, "1 Foo.EXAMPLE.com.");
        Assert.Equal(Hex("0001 03 466f6f 07 4558414d504c45 03 636f6d 00"), rdata);
    }

    [Fact]
    public void A_quoted_value_must_follow_the_equals_sign_directly()
    {
        // "alpn=" with nothing adjacent is an empty value, and the quoted word is then a stray key.
        var e = ParseFails(RRType.HTTPS, "1 . alpn= \"h2\"");
        Assert.Contains("alpn value: the value list is empty", e.Reason);
    }

    /// <summary>Input that BIND refuses too (except key65535, which RFC 9460 §14.3.2 reserves as invalid).</summary>
    [Theory]
    [InlineData("1 . dohpath=/foo", "dohpath has no {dns} variable")]
    [InlineData("1 . dohpath=foo{?dns}", "must be a relative path starting with '/'")]
    [InlineData("1 . key7=/foo", "dohpath has no {dns} variable")]
    [InlineData("1 . dohpath=/\\255{?dns}", "not valid UTF-8")]
    [InlineData("1 . dohpath=/q{?dnsx}", "dohpath has no {dns} variable")]
    [InlineData("1 . dohpath", "dohpath needs a value")]
    [InlineData("1 . ohttp=x", "ohttp takes no value")]
    [InlineData("1 . key8=x", "ohttp takes no value")]
    [InlineData("1 . port=65536", "not a number from 0 to 65535")]
    [InlineData("1 . port=+1", "not a number from 0 to 65535")]
    [InlineData("1 . port=1,2", "not a number from 0 to 65535")]
    [InlineData("1 . ipv4hint=1.2.3", "'1.2.3' is not an IPv4 address")]
    [InlineData("1 . ipv4hint=1.2.3.4,", "empty item in the value list")]
    [InlineData("1 . ipv6hint=1.2.3.4", "'1.2.3.4' is not an IPv6 address")]
    [InlineData("1 . ipv4hint=::1", "'::1' is not an IPv4 address")]
    [InlineData("1 . alpn=h2,", "empty item in the value list")]
    [InlineData("1 . alpn=,h2", "empty item in the value list")]
    [InlineData("1 . alpn=h2,,h3", "empty item in the value list")]
    [InlineData("1 . alpn=\"\"", "the value list is empty")]
    [InlineData("1 . alpn=a\\\\b", "a backslash must be followed by ',' or '\\'")]
    [InlineData("1 . key0=\\000\\003", "mandatory lists port, which the record does not have")]
    [InlineData("1 . mandatory=alpn,alpn alpn=h2", "mandatory lists alpn twice")]
    [InlineData("1 . mandatory=port,key0 port=1", "mandatory must not list itself")]
    [InlineData("1 . mandatory=bogus", "unknown SvcParamKey 'bogus'")]
    [InlineData("1 . key1=\\003h2", "an alpn id runs past the value")]
    [InlineData("1 . key1=\\000", "an alpn id is empty")]
    [InlineData("1 . key3=\\000", "port needs 2 octets, not 1")]
    [InlineData("1 . key3=", "port needs 2 octets, not 0")]
    [InlineData("1 . key3=\"5\"", "port needs 2 octets, not 1")]
    [InlineData("1 . key00003=\\000\\001", "without leading zeros")]
    [InlineData("1 . mandatory=key0003 port=1", "without leading zeros")]
    [InlineData("1 . ech=AA", "ech is not valid base64")]
    [InlineData("1 . ech=A=", "ech is not valid base64")]
    [InlineData("1 . key66000", "keyNNNNN needs a number from 0 to 65534")]
    [InlineData("1 . key65535", "key65535 is reserved as invalid")]
    [InlineData("1 . key", "unknown SvcParamKey 'key'")]
    [InlineData("1 . keyx=1", "keyNNNNN needs a number")]
    [InlineData("1 . key1000=a key1000=b", "key1000 appears more than once")]
    [InlineData("1 . port=1 key3=\\000\\001", "port appears more than once")]
    [InlineData("1 . alpn=h2 alpn=h3", "alpn appears more than once")]
    [InlineData("1 . port=1 mandatory=", "the value list is empty")]
    [InlineData("1 . no-default-alpn", "no-default-alpn needs alpn in the same record")]
    [InlineData("0 . key2=\"\" port=1", "no-default-alpn needs alpn in the same record")]
    [InlineData("1 . ALPN=h2", "unknown SvcParamKey 'ALPN'")]
    [InlineData("1 . =h2", "unknown SvcParamKey ''")]
    [InlineData("1 . \"alpn=h2\"", "expected a SvcParamKey, found a quoted string")]
    [InlineData("1 . key1000=\\300", "\\300 is above 255")]
    [InlineData("65536 .", "expected SvcPriority (0 to 65535)")]
    [InlineData("x .", "expected SvcPriority (0 to 65535)")]
    [InlineData("1", "expected TargetName, found the end of the record")]
    [InlineData("", "expected SvcPriority, found the end of the record")]
    [InlineData("1 \"foo.\"", "a name cannot be quoted")]
    [InlineData("1 a..b.", "bad TargetName 'a..b.'")]
    public void Refuses_with_a_clear_reason(string input, string reason)
    {
        var e = ParseFails(RRType.SVCB, input);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Errors_point_at_the_parameter()
    {
        var e = ParseFails(RRType.SVCB, "1 . port=1\n  alpn=h2,,h3");
        Assert.Equal(2, e.Line);
        Assert.Equal(3, e.Column);
    }
}
