resource "aws_s3_bucket" "phi_exports" { # expect: tf-bucket-unencrypted
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket" "scans" { # expect: tf-bucket-unencrypted
  count  = 2
  bucket = "clinic-scans-${count.index}"
}

resource "aws_s3_bucket" "patient_documents" {
  bucket = "clinic-patient-documents"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "patient_documents" {
  bucket = aws_s3_bucket.patient_documents.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: tf-bucket-unencrypted
    }
  }
}

# The encryption resource configures another bucket, not this one.
resource "aws_s3_bucket" "lab_results" { # expect: tf-bucket-unencrypted
  bucket = "clinic-lab-results"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = aws_s3_bucket.phi_exports_replica.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket" "phi_exports_replica" {
  bucket = "clinic-phi-exports-replica"
}

module "claims_bucket" { # expect: tf-bucket-unencrypted
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "clinic-claims"
}

module "intake" {
  source = "./modules/bucket"
  name   = "clinic-intake-forms"
}

# for_each names only the first of these two.
resource "aws_s3_bucket" "referrals" {
  bucket = "clinic-referrals"
}

resource "aws_s3_bucket" "invoices" { # expect: tf-bucket-unencrypted
  bucket = "clinic-invoices"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "documents" {
  for_each = toset([aws_s3_bucket.referrals.id])
  bucket   = each.value
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
