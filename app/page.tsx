export default function Home() {
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="text-3xl font-bold">IRSA Classroom</h1>
    </main>
  );
}
