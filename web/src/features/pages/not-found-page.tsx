import { Link } from "react-router";
import { PageTitle } from "../../components/ui";

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-xl text-center">
      <PageTitle subtitle="The page you are looking for is not in the cards.">Lost in the stars</PageTitle>
      <Link to="/" className="text-pink underline">
        Back to the home page
      </Link>
    </div>
  );
}
