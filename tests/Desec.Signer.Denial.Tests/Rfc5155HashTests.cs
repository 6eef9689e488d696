using Desec.Zone.Names;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 5155 §5 (the hash) with the hashes printed in Appendix A and Appendix B.</summary>
public class Rfc5155HashTests
{
    private static readonly Nsec3Parameters AppendixParameters = new(12, Convert.FromHexString("aabbccdd"), optOut: true);

    public static TheoryData<string, string> AppendixHashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var section in new[] { "hashes-appendix-a]", "hashes-appendix-b]" })
        {
            foreach (var line in TestSupport.Section("rfc5155-hashes.txt", section))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                data.Add(words[0], words[1]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AppendixHashes))]
    public void Appendix_hashes(string name, string expected)
    {
        var hash = Nsec3Hash.Compute(DnsName.Parse(name), AppendixParameters);
        Assert.Equal(expected, Nsec3Hash.ToLabel(hash));
    }

    [Fact]
    public void Appendix_lists_sixteen_names() => Assert.Equal(16, AppendixHashes().Count);

    [Fact]
    public void Hash_is_of_the_canonical_lower_case_name()
    {
        // RFC 5155 §5: the input is the owner name in canonical form (RFC 4034 §6.2).
        var lower = Nsec3Hash.Compute(DnsName.Parse("x.w.example."), AppendixParameters);
        var upper = Nsec3Hash.Compute(DnsName.Parse("X.W.EXAMPLE."), AppendixParameters);
        Assert.Equal(lower, upper);
        Assert.Equal("b4um86eghhds6nea196smvmlo4ors995", Nsec3Hash.ToLabel(upper));
    }

    [Fact]
    public void Span_overload_writes_into_the_destination_without_changing_the_input()
    {
        var name = DnsName.Parse("AI.example.");
        var wire = name.Wire.ToArray();
        Span<byte> hash = stackalloc byte[Nsec3Hash.Length];
        Nsec3Hash.Compute(wire, 12, Convert.FromHexString("aabbccdd"), hash);
        Assert.Equal("gjeqe526plbf1g8mklp59enfd789njgi", Nsec3Hash.ToLabel(hash));
        Assert.Equal(name.Wire.ToArray(), wire);
    }

    [Fact]
    public void Zero_iterations_and_empty_salt_is_one_sha1_of_the_name()
    {
        // RFC 5155 §5: IH(salt, x, 0) = H(x || salt); RFC 9276's default parameters.
        var name = DnsName.Parse("example.");
        var expected = System.Security.Cryptography.SHA1.HashData(name.Wire);
        Assert.Equal(expected, Nsec3Hash.Compute(name, Nsec3Parameters.Default));
    }

    [Fact]
    public void Owner_name_is_the_label_under_the_apex()
    {
        var hash = Nsec3Hash.Compute(DnsName.Parse("example."), AppendixParameters);
        Assert.Equal("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", Nsec3Hash.OwnerName(hash, DnsName.Parse("example.")).ToString());
    }

    [Fact]
    public void Parameters_default_to_rfc9276()
    {
        Assert.Equal("1 0 0 -", Nsec3Parameters.Default.ToString());
        var parsed = Nsec3Parameters.Parse("1 1 12 aabbccdd");
        Assert.True(parsed.OptOut);
        Assert.Equal(12, parsed.Iterations);
        Assert.Equal("1 1 12 aabbccdd", parsed.ToString());
        Assert.Throws<FormatException>(() => Nsec3Parameters.Parse("1 0 0"));
        Assert.Throws<FormatException>(() => Nsec3Parameters.Parse("1 0 0 xyz"));
        // Outside input gets the parser's one exception type (a constructor's ArgumentException escaped every door's catch).
        Assert.Contains("hash algorithm 2", Assert.Throws<FormatException>(() => Nsec3Parameters.Parse("2 0 0 -")).Message);
    }
}
