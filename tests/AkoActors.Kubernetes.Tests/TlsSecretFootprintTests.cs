using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.Snapshots;
using AkoActors.Testing;
using k8s.Models;
using Xunit.Abstractions;

namespace AkoActors.Kubernetes.Tests;

/// <summary>The memory a cached TLS Secret costs, measured as the managed bytes its snapshot keeps reachable (every object,
/// string and array under it, by the CLR's layout on 64-bit), for Secrets as <c>kubectl create secret tls</c> makes them
/// from a 2048-bit RSA key and a self-signed certificate. Before: the snapshot kept tls.key as a string beside tls.crt.</summary>
public sealed class TlsSecretFootprintTests(ITestOutputHelper output)
{
    private const int Secrets = 20;

    [Fact]
    public void A_cached_tls_secret_keeps_its_certificate_and_a_fingerprint_and_costs_less_than_half_of_what_it_did_with_its_key()
    {
        long before = 0, after = 0;
        for (var i = 0; i < Secrets; i++)
        {
            var (certificate, key) = SelfSignedCertificates.For($"host{i}.ako.example.com", validDays: 90);
            var snapshot = SecretSnapshots.From(Secret($"tls-{i}", certificate, key))!;
            var now = RetainedBytes(snapshot);
            after += now;
            // The previous snapshot: the same record with tls.key as a string (UTF-16) instead of the fingerprint and pair check.
            before += now - RetainedBytes(snapshot.KeyFingerprint!) + StringBytes(key.Length);
        }

        output.WriteLine($"{Secrets} TLS Secrets (RSA 2048, self-signed certificate): {before / Secrets} bytes per cached Secret before, {after / Secrets} after");
        Assert.True(after * 2 < before, $"after {after / Secrets} B per Secret is not under half of before {before / Secrets} B");
    }

    private static V1Secret Secret(string name, string certificate, string key) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Type = SecretSnapshots.TlsType,
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
    };

    /// <summary>A string's size on 64-bit: header and method table (16), length (4), UTF-16 characters and terminator, 8-aligned.</summary>
    private static long StringBytes(int length) => Align(16 + 4 + 2 * (length + 1));

    private static long Align(long bytes) => (bytes + 7) / 8 * 8;

    /// <summary>Every object reachable from <paramref name="root"/> through its fields, each counted once.</summary>
    private static long RetainedBytes(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        long total = 0;
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (!seen.Add(value)) continue;
            switch (value)
            {
                case string text:
                    total += StringBytes(text.Length);
                    continue;
                case Array array:
                    var element = array.GetType().GetElementType()!;
                    total += Align(24 + (long)array.Length * (element.IsValueType ? Marshal(element) : 8));
                    if (!element.IsValueType) foreach (var item in array) if (item is not null) pending.Push(item);
                    continue;
            }
            long size = 16;
            for (var type = value.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    size += field.FieldType.IsValueType ? Marshal(field.FieldType) : 8;
                    if (!field.FieldType.IsValueType && field.GetValue(value) is { } child) pending.Push(child);
                }
            }
            total += Align(Math.Max(size, 24));
        }
        return total;
    }

    private static int Marshal(Type type) => type.IsEnum ? System.Runtime.InteropServices.Marshal.SizeOf(Enum.GetUnderlyingType(type)) :
        type == typeof(bool) ? 1 : type == typeof(char) ? 2 : type.IsPrimitive ? System.Runtime.InteropServices.Marshal.SizeOf(type) : 8;
}
