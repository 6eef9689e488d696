using Desec.Auth.Config;
using Desec.Signer.Signing;

namespace Desec.Auth.Tests.Config;

/// <summary>
/// Policy values from a config file or a database row: out of range and not-a-number values are refused
/// naming the key (a range check written as "below or above" lets NaN through), and only a
/// <see cref="ConfigException"/> ever leaves <see cref="SigningConfig.ApplyTo"/>.
/// </summary>
public sealed class SigningConfigTests
{
    public static TheoryData<SigningConfig, string> Refused => new()
    {
        { new SigningConfig { SignatureValidityDays = double.NaN }, "x.signature-validity-days" },
        { new SigningConfig { SignatureValidityDays = double.PositiveInfinity }, "x.signature-validity-days" },
        { new SigningConfig { SignatureValidityDays = 366 }, "x.signature-validity-days" },
        { new SigningConfig { InceptionOffsetHours = double.NaN }, "x.inception-offset-hours" },
        { new SigningConfig { InceptionOffsetHours = -1 }, "x.inception-offset-hours" },
        { new SigningConfig { RefreshRemaining = double.NaN }, "x.refresh-remaining" },
        { new SigningConfig { RefreshRemaining = double.NegativeInfinity }, "x.refresh-remaining" },
        { new SigningConfig { KeyTtl = 2147483648 }, "x.key-ttl" },
        { new SigningConfig { Nsec3Parameters = "2 0 0 -" }, "x.nsec3-parameters: NSEC3 hash algorithm 2" },
        { new SigningConfig { Nsec3Parameters = "1 0 101 -" }, "x.nsec3-parameters: 101 NSEC3 iterations" },
        { new SigningConfig { Nsec3Parameters = "1 0 0 " + new string('0', 512) }, "x.nsec3-parameters: an NSEC3 salt is at most 255 octets" },
        { new SigningConfig { CdsDigestTypes = [3] }, "x.cds-digest-types" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_values_are_refused_naming_the_key(SigningConfig config, string message)
    {
        var error = Assert.Throws<ConfigException>(() => config.ApplyTo(new SigningPolicy(), "x"));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void The_limits_themselves_are_taken()
    {
        var policy = new SigningConfig { SignatureValidityDays = 365, InceptionOffsetHours = 0, KeyTtl = 2147483647, Nsec3Parameters = "1 1 100 " + new string('f', 510) }
            .ApplyTo(new SigningPolicy(), "x");
        Assert.Equal(100, policy.Nsec3.Iterations);
        Assert.Equal(255, policy.Nsec3.Salt.Length);
    }

    [Fact]
    public void Iterations_above_0_are_advice_naming_the_key()
    {
        Assert.Empty(new SigningConfig { Nsec3Parameters = "1 0 0 -" }.Advice(new SigningPolicy(), "signing"));
        var advice = Assert.Single(new SigningConfig { Nsec3Parameters = "1 0 5 -" }.Advice(new SigningPolicy(), "signing"));
        Assert.StartsWith("signing.nsec3-parameters: ", advice);
        Assert.Contains("RFC 9276 §3.1", advice);
        // Under NSEC the parameters are not used, so there is nothing to advise.
        Assert.Empty(new SigningConfig { Denial = "nsec", Nsec3Parameters = "1 0 5 -" }.Advice(new SigningPolicy(), "signing"));
    }
}
