import { HealthPanel } from "./components/HealthPanel.tsx";
import { UserDirectory } from "./components/UserDirectory.tsx";

export function App() {
  return (
    <main className="page">
      <header>
        <h1>plinth</h1>
      </header>
      <HealthPanel />
      <UserDirectory />
    </main>
  );
}
