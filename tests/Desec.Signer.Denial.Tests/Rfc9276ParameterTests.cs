namespace Desec.Signer.Denial.Tests;

/// <summary>
/// RFC 9276 §3.1 (0 additional iterations, no salt) and RFC 5155 §3.1.5 (salt of at most 255 octets):
/// parameters from outside are refused with the reason as a <see cref="FormatException"/>, above
/// <see cref="Nsec3Parameters.MaxIterations"/> too, and those that work but go against the advice say so.
/// </summary>
public class Rfc9276ParameterTests
{
    [Theory]
    [InlineData("2 0 0 -", "hash algorithm 2")]
    [InlineData("0 0 0 -", "hash algorithm 0")]
    [InlineData("1 0 101 -", "101 NSEC3 iterations")]
    [InlineData("1 0 65535 -", "65535 NSEC3 iterations")]
    [InlineData("1 2 0 -", "expected 'ALGORITHM FLAGS ITERATIONS SALT'")]
    [InlineData("1 0 -1 -", "expected 'ALGORITHM FLAGS ITERATIONS SALT'")]
    [InlineData("1 0 0 abc", "neither hex")]
    [InlineData("", "expected")]
    public void Unusable_parameters_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Nsec3Parameters.Parse(text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_salt_over_255_octets_is_refused_and_255_is_taken()
    {
        Assert.Contains("at most 255 octets", Assert.Throws<FormatException>(() => Nsec3Parameters.Parse("1 0 0 " + new string('a', 512))).Message);
        Assert.Equal(255, Nsec3Parameters.Parse("1 0 0 " + new string('a', 510)).Salt.Length);
        // A huge value is quoted cut short, not whole.
        var error = Assert.Throws<FormatException>(() => Nsec3Parameters.Parse("1 0 0 " + new string('g', 100_000)));
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void The_cap_is_100_iterations_and_the_constructor_keeps_it_too()
    {
        Assert.Equal(100, Nsec3Parameters.Parse("1 0 100 -").Iterations);
        Assert.Throws<ArgumentException>(() => new Nsec3Parameters(iterations: 101));
        Assert.Throws<ArgumentException>(() => new Nsec3Parameters(hashAlgorithm: 2));
        Assert.Throws<ArgumentException>(() => new Nsec3Parameters(salt: new byte[256]));
    }

    [Theory]
    [InlineData("1 0 0 -", false)]
    [InlineData("1 1 0 -", false)]
    [InlineData("1 0 1 -", true)]
    [InlineData("1 0 0 ab", true)]
    public void Iterations_above_0_or_a_salt_get_RFC_9276_advice(string text, bool advised)
    {
        var advice = Nsec3Parameters.Parse(text).Advice;
        Assert.Equal(advised, advice is not null);
        if (advised) { Assert.Contains("RFC 9276 §3.1", advice); }
    }
}
