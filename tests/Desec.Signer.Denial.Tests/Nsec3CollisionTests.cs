using Desec.Zone.Names;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 5155 §7.1: a hash collision stops the build (a new salt has to be chosen).</summary>
public class Nsec3CollisionTests
{
    [Fact]
    public void Equal_hashes_are_refused_naming_both_names()
    {
        var zone = MixedZone.Zone;
        var hash = Enumerable.Repeat((byte)0x5a, Nsec3Hash.Length).ToArray();
        var first = zone.Find(DnsName.Parse("mail.example."))!;
        var second = zone.Find(DnsName.Parse("ns1.example."))!;
        var error = Assert.Throws<Nsec3HashCollisionException>(() =>
            Nsec3ChainBuilder.CheckCollisions([new Nsec3Entry(new byte[Nsec3Hash.Length], zone.Apex), new Nsec3Entry(hash, first), new Nsec3Entry((byte[])hash.Clone(), second)]));
        Assert.Equal(first.Name, error.First);
        Assert.Equal(second.Name, error.Second);
        Assert.Contains("another salt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distinct_hashes_pass()
    {
        var zone = MixedZone.Zone;
        Nsec3ChainBuilder.CheckCollisions([new Nsec3Entry(new byte[Nsec3Hash.Length], zone.Apex), new Nsec3Entry([.. new byte[19], 1], zone.Apex)]);
    }
}
