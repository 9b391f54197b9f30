import { Link } from "../navigation.tsx";
import { paths } from "../paths.ts";

export function NotFoundScreen() {
  return (
    <section className="card narrow">
      <h2>Page not found</h2>
      <p>
        Nothing lives at this address. <Link to={paths.home}>Go home</Link>
      </p>
    </section>
  );
}
